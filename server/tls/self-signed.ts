import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { createLogger } from '../log';

const log = createLogger('tls');

const DAY_MS = 86_400_000;
/** Browsers cap only publicly trusted certificates at 398 days; two years keeps the fingerprint people compared. */
const VALID_DAYS = 730;
/** A certificate this close to its end is replaced at start rather than expiring mid-meeting. */
const RENEW_BEFORE_MS = 30 * DAY_MS;

/** A certificate and its key, as PEM text and the files they live in. */
export interface CertificateFiles {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
}

/** The files of the self-signed certificate in `dir`. */
export function selfSignedFiles(dir: string): { certFile: string; keyFile: string } {
  return { certFile: path.join(dir, 'self-signed.crt'), keyFile: path.join(dir, 'self-signed.key') };
}

async function reusable(files: { certFile: string; keyFile: string }, now: Date): Promise<CertificateFiles | null> {
  try {
    const [cert, key] = await Promise.all([readFile(files.certFile, 'utf8'), readFile(files.keyFile, 'utf8')]);
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return null;
    if (new Date(x509.validTo).getTime() - now.getTime() < RENEW_BEFORE_MS) return null;
    if (((await stat(files.keyFile)).mode & 0o077) !== 0) {
      log.warn('loadOrCreateSelfSigned() | %s was readable by others; now 0600', files.keyFile);
      await chmod(files.keyFile, 0o600);
    }
    return { cert, key, ...files };
  } catch {
    return null;
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a key behind. */
async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode });
  await chmod(temporary, mode); // the umask may have narrowed or (never for us) widened it
  await rename(temporary, file);
}

/**
 * The self-signed certificate kept in `dir`: reused while it is valid for another month (so its fingerprint
 * stays what people compared), otherwise made anew for `names` (DNS names and IP addresses) with an EC P-256
 * key written 0600.
 */
export async function loadOrCreateSelfSigned(options: {
  dir: string;
  names: readonly string[];
  now?: Date;
}): Promise<CertificateFiles & { created: boolean }> {
  const now = options.now ?? new Date();
  const files = selfSignedFiles(options.dir);
  const existing = await reusable(files, now);
  if (existing) return { ...existing, created: false };

  const altNames = [...new Set(options.names)].map((name) =>
    isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
  );
  // `selfsigned` (webpack-dev-server's generator) builds the certificate with Node's own WebCrypto, so it works
  // wherever the server runs — also inside the desktop app on Windows and macOS, where no `openssl` CLI can be
  // assumed on PATH. Loaded only here: it costs ~200 ms of start-up that a plain-http server shouldn't pay.
  const { generate } = await import('selfsigned');
  const made = await generate([{ name: 'commonName', value: 'Moim room server' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY_MS), // a peer whose clock is a little behind still accepts it
    notAfterDate: new Date(now.getTime() + VALID_DAYS * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  await writeAtomically(files.keyFile, made.private, 0o600);
  await writeAtomically(files.certFile, made.cert, 0o644);
  log.debug('loadOrCreateSelfSigned() | made %s for %s', files.certFile, options.names.join(', '));
  return { cert: made.cert, key: made.private, ...files, created: true };
}
