import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { trackPid, untrack } from './cleanup';
import type { Impairment, UdpRelayOptions } from './udp-relay';

/** A UDP impairment relay running inside a lab namespace (see udp-relay.ts for where it sits in the path). */
export interface RelayProcess {
  ports: number[];
  pid: number;
  /** Changes loss/delay/jitter while it runs. */
  impair(impairment: Partial<Impairment>): void;
  stop(): Promise<void>;
}

/** Bundles the relay into one file and runs it with `ip netns exec <ns> node`; resolves once it listens. */
export async function startRelayIn(ns: string, options: UdpRelayOptions): Promise<RelayProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'moim-relay-'));
  const bundle = path.join(dir, 'relay.mjs');
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'udp-relay-main.ts');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'error',
  });
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, bundle, JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  trackPid(child.pid!);
  const exited = once(child, 'exit');
  let log = '';
  const ready = new Promise<number[]>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      log += d.toString();
      const match = /relay ready ([\d,]+)/.exec(log);
      if (match) resolve(match[1]!.split(',').map(Number));
    });
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    void exited.then(() => reject(new Error(`relay exited before it was ready:\n${log}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    untrack({ pid: child.pid! });
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const ports = await ready;
    return { ports, pid: child.pid!, impair: (i) => child.stdin!.write(`${JSON.stringify(i)}\n`), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
