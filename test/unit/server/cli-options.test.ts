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

  it('reads the TLS and origin flags: paths resolved, lists split on commas', () => {
    const config = parse([
      '--tls-cert',
      'certs/moim.crt',
      '--tls-key',
      'certs/moim.key',
      '--data-dir',
      'state',
      '--allowed-origins',
      'https://portal.example.org, http://127.0.0.1:5173',
      '--allowed-hosts=meet.example.org,*.rooms.example.org',
    ]);
    expect(config).toMatchObject({
      tls: 'auto',
      tlsCert: path.resolve('certs/moim.crt'),
      tlsKey: path.resolve('certs/moim.key'),
      dataDir: path.resolve('state'),
      allowedOrigins: ['https://portal.example.org', 'http://127.0.0.1:5173'],
      allowedHosts: ['meet.example.org', '*.rooms.example.org'],
    });
    expect(parse([], { MOIM_TLS: 'off', MOIM_ALLOWED_ORIGINS: 'moim-app://other' })).toMatchObject({
      tls: 'off',
      allowedOrigins: ['moim-app://other'],
    });
  });

  it('defaults to automatic TLS and no extra origins or hosts', () => {
    expect(parse([])).toMatchObject({ tls: 'auto', allowedOrigins: [], allowedHosts: [] });
    expect(parse([])?.tlsCert).toBeUndefined();
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
    [['--tls', 'maybe'], /--tls \(or MOIM_TLS\)/],
    [['--tls-cert', 'a.crt'], /--tls-cert and --tls-key go together/],
    [['--tls-key', 'a.key'], /--tls-cert and --tls-key go together/],
    [['--tls', 'off', '--tls-cert', 'a.crt', '--tls-key', 'a.key'], /--tls off and --tls-cert/],
    [['--allowed-origins', 'https://a.example/path'], /--allowed-origins \(or MOIM_ALLOWED_ORIGINS\)/],
    [['--allowed-origins', 'portal.example.org'], /--allowed-origins/],
    [['--allowed-hosts', 'evil.example/x'], /--allowed-hosts \(or MOIM_ALLOWED_HOSTS\)/],
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
