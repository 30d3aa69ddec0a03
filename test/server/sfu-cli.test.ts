// @vitest-environment node
// The CLI's SFU wiring as a real child process: mediasoup by default, --no-sfu, and the P2P-only fallback.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../../scripts/node-bundle.mjs';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// A bundle of its own, so this file never races the CLI test's rebuild of dist/server.
const bundle = path.join(repo, 'node_modules/.cache/moim-sfu-cli/index.js');

beforeAll(async () => {
  await build({
    entryPoints: [path.join(repo, 'server/cli.ts')],
    outfile: bundle,
    ...NODE_BUNDLE,
    logLevel: 'warning',
  });
}, 60_000);

/** Runs the server until its ready line, reads /healthz, stops it with SIGTERM. */
async function runOnce(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bundle, '--port', '0', ...args], {
    cwd: repo,
    env: { ...process.env, DEBUG: '', MEDIASOUP_WORKER_BIN: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const port = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out.stdout);
      if (match) resolve(Number(match[1]));
    };
    child.stdout.on('data', check);
    void exited.then(([code]) => reject(new Error(`exited with ${code}: ${out.stderr}`)));
  });
  const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { sfuAvailable: boolean };
  child.kill('SIGTERM');
  return { health, code: await exited, out };
}

describe('the room server CLI with the SFU', () => {
  it('starts mediasoup by default when the worker binary is there, and still exits 0 on SIGTERM', async () => {
    const { health, code, out } = await runOnce(['--workers', '1']);
    expect(health.sfuAvailable).toBe(true);
    expect(code).toEqual([0, null]);
    expect(out.stdout.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).not.toMatch(/mediasoup|sfu/i);
  });

  it('--no-sfu runs P2P-only', async () => {
    const { health, code } = await runOnce(['--no-sfu']);
    expect(health.sfuAvailable).toBe(false);
    expect(code).toEqual([0, null]);
  });

  it('falls back to P2P-only with one clear line when mediasoup cannot start', async () => {
    const { health, code, out } = await runOnce([], { MEDIASOUP_WORKER_BIN: '/nonexistent/mediasoup-worker' });
    expect(health.sfuAvailable).toBe(false);
    expect(code).toEqual([0, null]);
    const lines = out.stderr.split('\n').filter((line) => /mediasoup/i.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/mediasoup did not start .*MEDIASOUP_WORKER_BIN.*running P2P-only/);
  });

  it('exits 2 when --rtc-min-port is above --rtc-max-port', async () => {
    const child = spawn(process.execPath, [bundle, '--rtc-min-port', '50000', '--rtc-max-port', '40000'], {
      cwd: repo,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    expect(await once(child, 'exit')).toEqual([2, null]);
    expect(stderr).toContain('--rtc-max-port');
  });
});
