// @vitest-environment node
// HTTPS/WSS: a self-signed certificate made on first use and kept, given certificate files, plain http on loopback.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { loadOrCreateSelfSigned } from '../../server/tls/self-signed';
import { resolveServerTls } from '../../server/tls/server-tls';
import { startRoomServer } from '../support/room-server';
import { connectSignaling } from '../support/ws-client';

let dataDir: string;
const running: { close(): Promise<void> }[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'moim-tls-'));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(options: Parameters<typeof startServer>[0] = {}): Promise<RunningServer> {
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, ...options });
  running.push(server);
  return server;
}

/** GET over https trusting only `ca`; resolves with the body and the fingerprint of the certificate presented. */
function httpsGet(url: string, ca: string): Promise<{ status: number; body: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
    }).on('error', reject);
  });
}

// Making a certificate and TLS handshakes cost CPU: generous bounds for a busy 2-core machine.
const SLOW = { timeout: 30_000 };

describe('a room server with a self-signed certificate', SLOW, () => {
  it('serves /healthz over https and signaling over wss to a client that trusts only that certificate', async () => {
    const server = await start({ tls: 'self-signed' });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.wsUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
    const cert = readFileSync(server.tls!.certFile, 'utf8');
    expect(server.tls).toMatchObject({ selfSigned: true, fingerprint: new X509Certificate(cert).fingerprint256 });

    const health = await httpsGet(`${server.url}/healthz`, cert);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
    expect(health.fingerprint).toBe(server.tls!.fingerprint);

    const client = await connectSignaling(server.wsUrl, 5000, { ca: cert });
    try {
      const hello = await client.request('hello', { displayName: 'Ada' });
      expect(hello.peerId).toEqual(expect.any(String));
    } finally {
      await client.close();
    }
  });

  it('refuses a client that does not trust the certificate', async () => {
    const server = await start({ tls: 'self-signed' });
    await expect(connectSignaling(server.wsUrl, 5000)).rejects.toThrow(/self-signed|certificate/i);
  });

  it('keeps the key 0600 and reuses the same certificate on the next start', async () => {
    const first = await start({ tls: 'self-signed' });
    const { fingerprint, certFile } = first.tls!;
    const keyFile = path.join(path.dirname(certFile), 'self-signed.key');
    expect(path.dirname(certFile)).toBe(path.join(dataDir, 'tls'));
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    await first.close();

    const second = await start({ tls: 'self-signed' });
    expect(second.tls).toMatchObject({ fingerprint, certFile });
  });

  it('makes a new certificate when the kept one is within a month of expiring', async () => {
    const dir = path.join(dataDir, 'tls');
    const made = await loadOrCreateSelfSigned({ dir, names: ['localhost'] });
    const expiry = new Date(new X509Certificate(made.cert).validTo);
    const kept = await loadOrCreateSelfSigned({ dir, names: ['localhost'] });
    expect(kept).toMatchObject({ created: false, cert: made.cert });
    const nearEnd = new Date(expiry.getTime() - 10 * 86_400_000);
    const renewed = await loadOrCreateSelfSigned({ dir, names: ['localhost'], now: nearEnd });
    expect(renewed.created).toBe(true);
    expect(renewed.cert).not.toBe(made.cert);
  });

  it('names localhost and 127.0.0.1 in the certificate', async () => {
    const server = await start({ tls: 'self-signed' });
    const san = new X509Certificate(readFileSync(server.tls!.certFile)).subjectAltName ?? '';
    expect(san).toContain('DNS:localhost');
    expect(san).toContain('IP Address:127.0.0.1');
  });
});

describe('choosing http or https', SLOW, () => {
  it('stays plain http on loopback by default and writes nothing', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\//);
    expect(server.tls).toBeNull();
    expect(existsSync(path.join(dataDir, 'tls'))).toBe(false);
  });

  it('makes a self-signed certificate by default when listening beyond loopback', async () => {
    const tls = await resolveServerTls({ host: '0.0.0.0', tls: 'auto', dataDir });
    expect(tls).toMatchObject({ selfSigned: true, certFile: path.join(dataDir, 'tls', 'self-signed.crt') });
  });

  it('stays plain http beyond loopback with tls off (behind a proxy that terminates TLS)', async () => {
    expect(await resolveServerTls({ host: '0.0.0.0', tls: 'off', dataDir })).toBeNull();
  });

  it('serves with given certificate files, and refuses a key that belongs to another certificate', async () => {
    const a = await loadOrCreateSelfSigned({ dir: path.join(dataDir, 'a'), names: ['localhost', '127.0.0.1'] });
    const b = await loadOrCreateSelfSigned({ dir: path.join(dataDir, 'b'), names: ['localhost'] });
    const server = await start({ tlsCert: a.certFile, tlsKey: a.keyFile });
    expect(server.tls).toMatchObject({ selfSigned: false, certFile: a.certFile });
    expect((await httpsGet(`${server.url}/healthz`, a.cert)).status).toBe(200);

    await expect(start({ tlsCert: a.certFile, tlsKey: b.keyFile })).rejects.toThrow(/do not load together/);
    const missing = path.join(dataDir, 'missing.pem');
    await expect(start({ tlsCert: missing, tlsKey: a.keyFile })).rejects.toThrow(/cannot read the TLS certificate/);
    writeFileSync(missing, 'not a certificate');
    await expect(start({ tlsCert: missing, tlsKey: a.keyFile })).rejects.toThrow(/do not load together/);
  });
});

describe('the CLI with TLS', SLOW, () => {
  it('prints the fingerprint before an https ready line the test support parses', async () => {
    const server = await startRoomServer(['--no-sfu', '--tls', 'self-signed', '--data-dir', dataDir]);
    running.push({ close: () => server.stop() });
    expect(server.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.wsUrl).toMatch(/^wss:\/\//);
    const cert = readFileSync(path.join(dataDir, 'tls', 'self-signed.crt'), 'utf8');
    expect(server.fingerprint).toBe(new X509Certificate(cert).fingerprint256);
    expect(server.output()).toContain(`Self-signed TLS certificate: ${path.join(dataDir, 'tls', 'self-signed.crt')}`);
    expect((await httpsGet(`${server.httpUrl}/healthz`, cert)).status).toBe(200);
  });
});
