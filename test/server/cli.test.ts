// @vitest-environment node
// The built CLI (dist/server/index.js) as a real child process: ready line, /healthz, SIGTERM, bad flags.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBundle, SERVER_BUNDLE as bundle } from '../support/server-bundle';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

beforeAll(() => {
  // The setup step builds everything; rebuild only when the server's sources are newer than the bundle.
  ensureServerBundle();
}, 60_000);

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bundle, ...args], {
    cwd: repo,
    env: { ...process.env, DEBUG: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, out, exited };
}

function readyLine(child: ChildProcess, out: { stdout: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const line = out.stdout.split('\n').find((l) => l.startsWith('Moim room server listening on '));
      if (line) resolve(line);
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before the ready line`)));
    check();
  });
}

describe('the room server CLI', () => {
  it('prints one ready line with the real port for --port 0, serves /healthz, and exits 0 on SIGTERM', async () => {
    const { child, out, exited } = run(['--port', '0', '--no-sfu']);
    const line = await readyLine(child, out);
    const match = /^Moim room server listening on http:\/\/127\.0\.0\.1:(\d+)$/.exec(line);
    expect(match).not.toBeNull();
    const port = Number(match![1]);
    expect(port).toBeGreaterThan(0);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, sfuAvailable: false });

    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toEqual([0, null]);
    expect(out.stdout.trim().split('\n')).toEqual([line]);
  });

  it('takes its settings from MOIM_* variables too', async () => {
    const { child, out, exited } = run([], { MOIM_PORT: '0', MOIM_HOST: '127.0.0.1' });
    await readyLine(child, out);
    process.kill(child.pid!, 'SIGINT');
    expect(await exited).toEqual([0, null]);
  });

  it.each([
    [['--port', 'eighty'], /--port/],
    [['--ice-servers', 'not json'], /--ice-servers/],
    [['--no-such-flag'], /no-such-flag/],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const { out, exited } = run(args);
    expect(await exited).toEqual([2, null]);
    expect(out.stderr).toMatch(message);
    expect(out.stderr).toContain('Usage:');
    expect(out.stdout).toBe('');
  });
});
