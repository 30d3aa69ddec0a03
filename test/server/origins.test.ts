// @vitest-environment node
// Who may open the signaling WebSocket: the served web client, the desktop app, configured origins and
// non-browser clients; never another web page, never under a rebinding attacker's host name.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../server';
import { connectSignaling } from '../support/ws-client';

let server: RunningServer;
let base: string;

beforeAll(async () => {
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: ['https://portal.example.org'],
    allowedHosts: ['meet.example.org', '*.rooms.example.org'],
  });
  base = `127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
});

/** Tries an upgrade with these headers; resolves with the HTTP status of a refusal, or 101 and a hello. */
async function attempt(headers: { origin?: string; host?: string }): Promise<number> {
  const options: WebSocket.ClientOptions = { headers: headers.host ? { Host: headers.host } : {} };
  if (headers.origin) options.origin = headers.origin;
  try {
    const client = await connectSignaling(server.wsUrl, 5000, options);
    try {
      await client.request('hello', { displayName: 'visitor' });
      return 101;
    } finally {
      await client.close();
    }
  } catch (error) {
    const status = /Unexpected server response: (\d+)/.exec(String(error))?.[1];
    if (!status) throw error;
    return Number(status);
  }
}

async function health(): Promise<{ connections: number; peers: number }> {
  return (await (await fetch(`${server.url}/healthz`)).json()) as { connections: number; peers: number };
}

describe('the signaling upgrade', () => {
  it('refuses another web page (Origin: https://evil.example) with 403 before any hello', async () => {
    expect(await attempt({ origin: 'https://evil.example' })).toBe(403);
    expect(await health()).toMatchObject({ connections: 0, peers: 0 });
  });

  it.each([
    'http://127.0.0.1:1', // another port of this computer is another origin (another local web app)
    'http://localhost:1',
    'null', // sandboxed frames and file:// pages
    'https://portal.example.org.evil.example',
    'moim-app://evil',
  ])('refuses Origin %s with 403', async (origin) => {
    expect(await attempt({ origin })).toBe(403);
  });

  it('refuses a DNS-rebinding page (Host: evil.example:<port>) with 403, with or without a matching Origin', async () => {
    const host = `evil.example:${server.port}`;
    expect(await attempt({ host })).toBe(403);
    expect(await attempt({ host, origin: `http://${host}` })).toBe(403);
    expect(await health()).toMatchObject({ connections: 0, peers: 0 });
  });

  it.each([
    ['the served web client', () => ({ origin: `http://${base}` })],
    ['the desktop app', () => ({ origin: 'moim-app://app' })],
    ['a configured extra origin', () => ({ origin: 'https://portal.example.org' })],
    ['a non-browser client (no Origin)', () => ({})],
    ['localhost as Host', () => ({ host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` })],
    ['a configured host name', () => ({ host: 'meet.example.org', origin: 'https://meet.example.org' })],
    [
      'a configured wildcard host',
      () => ({ host: 'a.rooms.example.org:8443', origin: 'https://a.rooms.example.org:8443' }),
    ],
  ])('lets %s connect and say hello', async (_who, headers) => {
    expect(await attempt(headers())).toBe(101);
  });

  it('does not let a wildcard host match deeper names', async () => {
    expect(await attempt({ host: 'a.b.rooms.example.org' })).toBe(403);
  });
});

describe('the signaling upgrade over TLS', { timeout: 30_000 }, () => {
  it('lets the web client served over https connect from its https origin, and refuses other origins', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'moim-origin-tls-'));
    const secure = await startServer({ host: '127.0.0.1', port: 0, tls: 'self-signed', dataDir });
    try {
      const ca = readFileSync(secure.tls!.certFile, 'utf8');
      const own = await connectSignaling(secure.wsUrl, 5000, { ca, origin: `https://127.0.0.1:${secure.port}` });
      await expect(own.request('hello', { displayName: 'Ada' })).resolves.toMatchObject({ peerId: expect.any(String) });
      await own.close();
      await expect(connectSignaling(secure.wsUrl, 5000, { ca, origin: 'https://evil.example' })).rejects.toThrow(
        /Unexpected server response: 403/,
      );
    } finally {
      await secure.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
