// Finds the Electron binary for the e2e without printing anything: node_modules/electron knows its path
// once the binary was fetched (on first use; it comes from GitHub, so not on every machine).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

const require = createRequire(import.meta.url);

function installedPath(): string | null {
  const dir = path.dirname(require.resolve('electron/package.json'));
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

let cached: ElectronBinary | undefined;

/** The Electron binary, fetching it first the way `require('electron')` does; never throws. */
export function findElectronBinary(): ElectronBinary {
  if (cached) return cached;
  let binary = process.env.MOIM_ELECTRON_BINARY ?? installedPath();
  if (!binary) {
    // `require('electron')` downloads the binary on first use; do that quietly, in a child, once.
    spawnSync(process.execPath, ['-e', "require('electron')"], { stdio: 'ignore', timeout: 300_000 });
    binary = installedPath();
  }
  if (!binary || !existsSync(binary)) {
    cached = {
      ok: false,
      reason:
        'no Electron binary on this machine (it is fetched from GitHub on first use, which failed or is unreachable)',
    };
  } else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    cached = { ok: false, reason: 'no display for Electron (run under xvfb-run)' };
  } else {
    cached = { ok: true, path: binary };
  }
  return cached;
}
