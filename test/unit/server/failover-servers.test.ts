// @vitest-environment node
// `--failover-servers`: the other servers of a cluster, handed to clients and let through the web client's gates.
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseCliConfig } from '../../../server/cli-options';
import { startServer, type RunningServer } from '../../../server/server';
import { connectSignaling, type SignalingClient } from '../../support/ws-client';

const others = ['ws://127.0.0.1:41001', 'wss://rooms-b.example'];
const running: RunningServer[] = [];
const open: SignalingClient[] = [];

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await Promise.all(running.map((s) => s.close()));
});

async function server(failoverServers: string[]): Promise<RunningServer> {
  const s = await startServer({ port: 0, noSfu: true, failoverServers });
  running.push(s);
  return s;
}

describe('--failover-servers', () => {
  it('names the other servers in hello; without the flag hello names none', async () => {
    const withList = await connectSignaling((await server(others)).wsUrl);
    const without = await connectSignaling((await server([])).wsUrl);
    open.push(withList, without);
    expect((await withList.request('hello', { displayName: 'Ann' })).servers).toEqual(others);
    expect((await without.request('hello', { displayName: 'Bob' })).servers).toBeUndefined();
  });

  it("lets the web client connect to them (CSP) and lets their pages' origins connect here", async () => {
    const s = await server(others);
    const csp = (await fetch(`${s.url}/healthz`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${others.join(' ')};`);
    const fromB = await connectSignaling(s.wsUrl, 5000, { headers: { Origin: 'https://rooms-b.example' } });
    open.push(fromB);
    await expect(fromB.request('hello', { displayName: 'Cat' })).resolves.toMatchObject({ servers: others });
    await expect(connectSignaling(s.wsUrl, 5000, { headers: { Origin: 'https://evil.example' } })).rejects.toThrow();
  });

  it('refuses an address that is not ws(s) at start-up', () => {
    expect(() => parseCliConfig(['--failover-servers', 'http://b.example'], {})).toThrow(ConfigError);
    expect(parseCliConfig(['--failover-servers', 'ws://b:1, wss://c.example'], {})?.failoverServers).toEqual([
      'ws://b:1',
      'wss://c.example',
    ]);
  });
});
