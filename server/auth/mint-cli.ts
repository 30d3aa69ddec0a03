import { parseArgs } from 'node:util';
import { describeIssue, joinTokenClaims, roomMode, tokenRole } from '../../common/protocol';
import { ConfigError, loadAuthSecret } from '../cli-options';
import { serverConfigSchema } from '../config';
import { mintJoinToken } from './join-tokens';

/** The `moim-server mint-token --help` text. */
export const MINT_USAGE = [
  'Usage: moim-server mint-token --room <id> --role presenter|member|viewer --name <display name> [options]',
  '',
  '  --ttl <seconds>          how long the token is valid (default 3600)',
  '  --not-before <seconds>   valid only from this many seconds from now (default: at once)',
  '  --mode p2p|sfu|broadcast the kind of room a presenter or member opens when it does not exist yet',
  '  --link <page url>        print a join link instead: <page url>?room=<id>#token=<token>',
  "  --auth-secret-file <f>   the server's secret (else MOIM_AUTH_SECRET_FILE or MOIM_AUTH_SECRET)",
].join('\n');

const OPTIONS = {
  room: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  ttl: { type: 'string' },
  'not-before': { type: 'string' },
  mode: { type: 'string' },
  link: { type: 'string' },
  'auth-secret-file': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function seconds(flag: string, raw: string | undefined, fallback?: number): number | undefined {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`--${flag}: expected a whole number of seconds`);
  return Number(raw);
}

/** The join link for `token`: the page's address with `?room=`, the token in the fragment (never in a query). */
export function joinLink(pageUrl: string, room: string, token: string): string {
  const url = new URL(pageUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('--link: expected an http(s) URL');
  url.searchParams.set('room', room);
  url.hash = '';
  return `${url.toString()}#token=${token}`;
}

/**
 * `moim-server mint-token …`: signs a join token with the server's secret and prints it (or a join link) on stdout,
 * so an operator can admit a person without a portal. Returns the token or link; throws ConfigError on bad input.
 */
export async function mintTokenCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help) return null;
  const secret = loadAuthSecret(values['auth-secret-file'], env);
  if (secret === undefined)
    throw new ConfigError('no auth secret: --auth-secret-file, MOIM_AUTH_SECRET_FILE or MOIM_AUTH_SECRET');
  const secretCheck = serverConfigSchema.shape.authSecret.safeParse(secret);
  if (!secretCheck.success)
    throw new ConfigError(`the auth secret ${describeIssue(secretCheck.error).replace(/^[^:]*: /, '')}`);
  const role = tokenRole.safeParse(values.role);
  if (!role.success) throw new ConfigError('--role: expected presenter, member or viewer');
  const mode = values.mode === undefined ? undefined : roomMode.safeParse(values.mode);
  if (mode && !mode.success) throw new ConfigError('--mode: expected p2p, sfu or broadcast');
  const grant = { room: values.room, role: role.data, name: values.name, ...(mode ? { mode: mode.data } : {}) };
  const claims = joinTokenClaims.omit({ exp: true }).safeParse(grant);
  if (!claims.success)
    throw new ConfigError(`--${String(claims.error.issues[0]?.path[0])}: ${claims.error.issues[0]?.message}`);
  const ttlSeconds = seconds('ttl', values.ttl, 3600)!;
  if (ttlSeconds < 1) throw new ConfigError('--ttl: must be at least 1 second');
  const notBeforeSeconds = seconds('not-before', values['not-before']);
  const token = await mintJoinToken(secret, { ...claims.data, ttlSeconds, notBeforeSeconds });
  return values.link === undefined ? token : joinLink(values.link, claims.data.room, token);
}
