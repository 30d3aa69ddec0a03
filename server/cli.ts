import createDebug from 'debug';
import { WARNINGS_PATTERN } from '../common/log';
import { MINT_USAGE, mintTokenCommand } from './auth/mint-cli';
import { ConfigError, parseCliConfig, usage } from './cli-options';
import { ClusterUnavailableError } from './cluster/cluster-backend';
import type { ServerConfig } from './config';
import { startHostedServer } from './host';

/** Exit code when `--redis` is given and Redis can't be reached at start (2 = bad flags, 1 = anything else). */
const EXIT_CLUSTER_UNAVAILABLE = 3;
/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

/** `moim-server mint-token …`: prints a signed join token (or link) and exits; bad input exits with code 2. */
async function mintToken(argv: readonly string[]): Promise<void> {
  try {
    console.log((await mintTokenCommand(argv, process.env)) ?? MINT_USAGE);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`moim-server mint-token: ${error.message}\n\n${MINT_USAGE}`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'mint-token') return mintToken(process.argv.slice(3));
  // Warnings and errors are always worth seeing on a server; DEBUG=moim:* shows everything.
  // mediasoup's own warnings (worker included) show only under these namespaces.
  if (!process.env.DEBUG) createDebug.enable(`${WARNINGS_PATTERN},mediasoup:WARN*,mediasoup:ERROR*`);

  let config: ServerConfig | null;
  try {
    config = parseCliConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`moim-server: ${error.message}\n\n${usage()}`);
    process.exit(2);
  }
  if (config === null) {
    console.log(usage());
    return;
  }

  // The SFU starts when mediasoup and its worker are there; if it can't, one line says so and rooms are P2P-only.
  let server: Awaited<ReturnType<typeof startHostedServer>>;
  try {
    server = await startHostedServer(config);
  } catch (error) {
    if (!(error instanceof ClusterUnavailableError)) throw error;
    console.error(`moim-server: ${error.message} (--redis); not starting without it`);
    process.exit(EXIT_CLUSTER_UNAVAILABLE);
  }

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), SHUTDOWN_TIMEOUT_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('moim-server: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (server.tls?.selfSigned) {
    // Browsers warn about a certificate nobody vouches for; this is what people compare before going on.
    console.log(`Self-signed TLS certificate: ${server.tls.certFile}`);
    console.log(`SHA-256 fingerprint: ${server.tls.fingerprint}`);
  }
  // Printed only once the signal handlers are in place: whoever reads it may signal us at once.
  // Tests and scripts parse this exact line (`http://` or `https://`).
  console.log(`Moim room server listening on ${server.url}`);
}

main().catch((error: unknown) => {
  console.error(`moim-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
