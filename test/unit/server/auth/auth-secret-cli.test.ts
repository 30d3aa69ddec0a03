// @vitest-environment node
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { JoinTokens } from '../../../../server/auth/join-tokens';
import { mintTokenCommand } from '../../../../server/auth/mint-cli';
import { ConfigError, parseCliConfig, usage } from '../../../../server/cli-options';

const SECRET = 'x'.repeat(32);
const dir = mkdtempSync(path.join(tmpdir(), 'moim-auth-'));
const secretFile = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text, { mode: 0o600 });
  return file;
};

describe('the auth secret in the server config', () => {
  it('is off unless given', () => {
    expect(parseCliConfig([], {})?.authSecret).toBeUndefined();
  });

  it('comes from --auth-secret-file, MOIM_AUTH_SECRET_FILE or MOIM_AUTH_SECRET (one trailing newline dropped)', () => {
    const file = secretFile('ok', `${SECRET}\n`);
    expect(parseCliConfig(['--auth-secret-file', file], {})?.authSecret).toBe(SECRET);
    expect(parseCliConfig([], { MOIM_AUTH_SECRET_FILE: file })?.authSecret).toBe(SECRET);
    expect(parseCliConfig([], { MOIM_AUTH_SECRET: SECRET })?.authSecret).toBe(SECRET);
  });

  it('has no flag that takes the secret itself (a command line is visible to ps)', () => {
    expect(() => parseCliConfig(['--auth-secret', SECRET], {})).toThrow(ConfigError);
    expect(usage()).toContain('--auth-secret-file');
    expect(usage()).not.toMatch(/--auth-secret\s/);
  });

  it('refuses a secret shorter than 32 bytes, a missing file and two sources, without quoting the secret', () => {
    const short = secretFile('short', 'y'.repeat(31));
    const error = (() => {
      try {
        parseCliConfig(['--auth-secret-file', short], {});
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toMatch(/at least 32 bytes/);
    expect(error?.message).not.toContain('yyyy');
    expect(() => parseCliConfig(['--auth-secret-file', path.join(dir, 'absent')], {})).toThrow(/cannot read/);
    const file = secretFile('both', SECRET);
    expect(() => parseCliConfig(['--auth-secret-file', file], { MOIM_AUTH_SECRET: SECRET })).toThrow(/not both/);
  });
});

describe('moim-server mint-token', () => {
  it('signs a token the server accepts, with room, role, name and expiry', async () => {
    const out = await mintTokenCommand(
      ['--room', 'townhall', '--role', 'presenter', '--name', 'Ana', '--ttl', '120', '--mode', 'broadcast'],
      { MOIM_AUTH_SECRET: SECRET },
    );
    const claims = decodeJwt(out!);
    expect(claims).toMatchObject({ room: 'townhall', role: 'presenter', name: 'Ana', mode: 'broadcast' });
    expect(claims.exp! - claims.iat!).toBe(120);
    await expect(new JoinTokens(SECRET).verify(out!, 'townhall')).resolves.toMatchObject({ role: 'presenter' });
  });

  it('prints a join link with the token in the fragment, never in the query', async () => {
    const out = await mintTokenCommand(
      ['--room', 'townhall', '--role', 'viewer', '--name', 'Vic', '--link', 'https://meet.example.org/'],
      { MOIM_AUTH_SECRET: SECRET },
    );
    const url = new URL(out!);
    expect(url.searchParams.get('room')).toBe('townhall');
    expect([...url.searchParams.keys()]).toEqual(['room']);
    expect(url.hash).toMatch(/^#token=[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('refuses a bad role, a missing name and no secret', async () => {
    const env = { MOIM_AUTH_SECRET: SECRET };
    await expect(mintTokenCommand(['--room', 'r', '--role', 'king', '--name', 'A'], env)).rejects.toThrow(/--role/);
    await expect(mintTokenCommand(['--room', 'r', '--role', 'viewer'], env)).rejects.toThrow(/--name/);
    await expect(mintTokenCommand(['--room', 'r', '--role', 'viewer', '--name', 'A'], {})).rejects.toThrow(
      /no auth secret/,
    );
  });
});
