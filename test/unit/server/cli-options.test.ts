// @vitest-environment node
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envName, parseCliConfig, usage } from '../../../server/cli-options';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCliConfig(argv, env);

describe('parseCliConfig', () => {
  it('defaults to loopback on port 8480 with the documented limits and no ICE servers', () => {
    const config = parse([]);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8480,
      iceServers: [],
      sessionIdleMs: 60_000,
      ringTimeoutMs: 30_000,
    });
    expect(config?.staticDir).toBeUndefined();
  });

  it('reads every flag', () => {
    const config = parse([
      '--host=0.0.0.0',
      '--port',
      '0',
      '--static',
      'some/dir',
      '--ice-servers',
      '[{"urls":"turn:127.0.0.1:3478","username":"u","credential":"p"}]',
      '--session-idle-ms',
      '1500',
      '--ring-timeout-ms',
      '200',
      '--max-peers-per-room',
      '8',
      '--reconnect-grace-ms',
      '0',
    ]);
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      staticDir: path.resolve('some/dir'),
      iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'p' }],
      sessionIdleMs: 1500,
      ringTimeoutMs: 200,
      maxPeersPerRoom: 8,
      reconnectGraceMs: 0,
    });
  });

  it('reads MOIM_* variables, and a flag wins over its variable', () => {
    const env = { MOIM_PORT: '9000', MOIM_HOST: '::1', MOIM_RING_TIMEOUT_MS: '1000' };
    expect(parse([], env)).toMatchObject({ port: 9000, host: '::1', ringTimeoutMs: 1000 });
    expect(parse(['--port', '9001'], env)).toMatchObject({ port: 9001 });
  });

  it('ignores empty variables', () => {
    expect(parse([], { MOIM_PORT: '' })).toMatchObject({ port: 8480 });
  });

  it('names the variable of every flag MOIM_<FLAG>', () => {
    expect(envName('ice-servers')).toBe('MOIM_ICE_SERVERS');
    expect(usage()).toContain('--session-idle-ms');
    expect(usage()).toContain('MOIM_SESSION_IDLE_MS');
  });

  it.each([
    [['--port', 'http'], /--port: expected a whole number/],
    [['--port', '70000'], /--port \(or MOIM_PORT\)/],
    [['--port=-1'], /--port: expected a whole number/],
    [['--ice-servers', '{nope'], /--ice-servers: not valid JSON/],
    [['--ice-servers', '[{"url":"stun:x"}]'], /--ice-servers \(or MOIM_ICE_SERVERS\)/],
    [['--session-idle-ms', '0'], /--session-idle-ms/],
    [['--bogus'], /bogus/],
    [['positional'], /positional/i],
  ])('rejects %j with a ConfigError that names the flag', (argv, message) => {
    expect(() => parse(argv)).toThrow(ConfigError);
    expect(() => parse(argv)).toThrow(message);
  });

  it('returns null for --help', () => {
    expect(parse(['--help'])).toBeNull();
  });
});
