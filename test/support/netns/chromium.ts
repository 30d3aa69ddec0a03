import { chromium, type Browser } from '@playwright/test';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';

/** Departures from the usual launch, e.g. a headed browser capturing the X screen (bench/screen-share). */
export interface NamespaceLaunchOptions {
  headless?: boolean;
  /** Usual flags to leave out, by prefix (e.g. '--use-fake-'). */
  omitArgs?: string[];
  extraArgs?: string[];
}

/**
 * Launches Debian's Chromium inside network namespace `ns`, driven by Playwright as usual.
 *
 * Playwright talks to the browser it launches over a pipe (`--remote-debugging-pipe`, file descriptors 3 and 4),
 * not a port, so the browser needs no address the host can reach: `executablePath` points at a two-line wrapper
 * that `exec`s `ip netns exec <ns> chromium "$@"`, and the inherited pipe crosses into the namespace untouched
 * (connectOverCDP would need a debugging port reachable from the host's namespace instead). The page's origin
 * (`serverUrl`, on the lab subnet) is not localhost: it is let past the resolver rules and declared secure for
 * getUserMedia.
 */
export async function launchInNamespace(
  ns: string,
  serverUrl: string,
  options: NamespaceLaunchOptions = {},
): Promise<Browser> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'moim-netns-chromium-'));
  const wrapper = path.join(dir, 'chromium');
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec '${ns}' '${CHROMIUM_PATH}' "$@"\n`);
  await chmod(wrapper, 0o755);
  try {
    const browser = await chromium.launch({
      executablePath: wrapper,
      headless: options.headless ?? true,
      args: [
        // The usual rules map every name but loopback to NOTFOUND (no outside host is ever tried); the lab's
        // server address must be let through as well.
        ...CHROMIUM_ARGS.filter((arg) => !options.omitArgs?.some((prefix) => arg.startsWith(prefix))).map((arg) =>
          arg.startsWith('--host-resolver-rules=') ? `${arg}, EXCLUDE ${new URL(serverUrl).hostname}` : arg,
        ),
        `--unsafely-treat-insecure-origin-as-secure=${serverUrl}`,
        ...(options.extraArgs ?? []),
      ],
    });
    browser.on('disconnected', () => void rm(dir, { recursive: true, force: true }));
    return browser;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
