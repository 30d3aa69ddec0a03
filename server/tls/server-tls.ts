import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIPv4 } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createSecureContext } from 'node:tls';
import type { ServerConfig } from '../config';
import { defaultDataDir } from './data-dir';
import { loadOrCreateSelfSigned } from './self-signed';

/** The certificate the server speaks HTTPS/WSS with. */
export interface ServerTls {
  cert: string;
  key: string;
  /** SHA-256 of the certificate as colon-separated hex: what people compare with the browser's warning. */
  fingerprint: string;
  certFile: string;
  /** True for the certificate the server made itself (browsers warn about it). */
  selfSigned: boolean;
  /** The DNS names the certificate is for: names the server is legitimately reached under. */
  dnsNames: string[];
}

type TlsSettings = Pick<ServerConfig, 'host' | 'tls' | 'tlsCert' | 'tlsKey' | 'dataDir'>;

/** What is wrong with a combination of TLS settings (each alone is valid), or null. */
export function tlsSettingsProblem(config: Pick<ServerConfig, 'tls' | 'tlsCert' | 'tlsKey'>): string | null {
  if (!config.tlsCert !== !config.tlsKey) return '--tls-cert and --tls-key go together: give both or neither';
  if (config.tlsCert && config.tls !== 'auto') return `--tls ${config.tls} and --tls-cert/--tls-key exclude each other`;
  return null;
}

/** True for names that reach only this computer: localhost, 127.0.0.0/8 and ::1 (browsers trust them as secure). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice(7) : bare;
  return isIPv4(v4) && v4.startsWith('127.');
}

/** Every name and address this computer can be reached under right now (for the self-signed certificate). */
export function machineNames(listenHost: string): string[] {
  const names = ['localhost', '127.0.0.1', '::1', os.hostname()];
  if (!os.hostname().includes('.')) names.push(`${os.hostname()}.local`);
  for (const entries of Object.values(os.networkInterfaces())) {
    for (const entry of entries ?? []) if (!entry.internal) names.push(entry.address.replace(/%.*$/, ''));
  }
  if (listenHost !== '0.0.0.0' && listenHost !== '::') names.push(listenHost);
  return [...new Set(names)];
}

function describeCertificate(cert: string, key: string, certFile: string, selfSigned: boolean): ServerTls {
  const x509 = new X509Certificate(cert);
  const dnsNames = (x509.subjectAltName ?? '')
    .split(', ')
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4).toLowerCase());
  return { cert, key, fingerprint: x509.fingerprint256, certFile, selfSigned, dnsNames };
}

async function readPem(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the TLS ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * The certificate to serve with, or null for plain http: the given files (checked to load and match), else
 * for `self-signed` — or `auto` beyond loopback, where other computers need a secure page for cameras —
 * the one kept under the data dir, made on first use.
 */
export async function resolveServerTls(config: TlsSettings): Promise<ServerTls | null> {
  const problem = tlsSettingsProblem(config);
  if (problem) throw new TypeError(problem);
  if (config.tlsCert && config.tlsKey) {
    const [cert, key] = [await readPem(config.tlsCert, 'certificate'), await readPem(config.tlsKey, 'key')];
    try {
      createSecureContext({ cert, key });
      return describeCertificate(cert, key, config.tlsCert, false);
    } catch (error) {
      throw new Error(
        `the TLS certificate ${config.tlsCert} and key do not load together: ${(error as Error).message}`,
      );
    }
  }
  const wanted = config.tls === 'self-signed' || (config.tls === 'auto' && !isLoopbackHost(config.host));
  if (!wanted) return null;
  const dir = path.join(config.dataDir ?? defaultDataDir(), 'tls');
  const made = await loadOrCreateSelfSigned({ dir, names: machineNames(config.host) });
  return describeCertificate(made.cert, made.key, made.certFile, true);
}
