// @vitest-environment node
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliConfig } from '../../../../server/cli-options';
import { MEDIA_CODECS, webRtcTransportOptions } from '../../../../server/sfu/media-settings';
import { sfuSettingsFrom } from '../../../../server/sfu/start-mediasoup';
import { defaultDataDir } from '../../../../server/tls/data-dir';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseCliConfig(argv, env)!;

describe('SFU settings', () => {
  it('default to the SFU on, one worker per core, 500 consumers per router, loopback media on ports 40000-49999 and 3 Mbps', () => {
    const config = parse([]);
    expect(config).toMatchObject({ noSfu: false, workers: availableParallelism(), rtcListenIp: '127.0.0.1' });
    expect(sfuSettingsFrom(config)).toEqual({
      workers: availableParallelism(),
      consumersPerRouter: 500,
      rtcMinPort: 40_000,
      rtcMaxPort: 49_999,
      listenIp: '127.0.0.1',
      announcedIp: undefined,
      initialAvailableOutgoingBitrate: 3_000_000,
      recordingDir: path.join(defaultDataDir(), 'recordings'),
    });
  });

  it('reads --workers, --rtc-min-port, --rtc-max-port, --rtc-listen-ip, --announced-ip and --no-sfu', () => {
    const argv = ['--workers', '3', '--rtc-min-port', '50000', '--rtc-max-port', '50100'];
    const config = parse([...argv, '--rtc-listen-ip', '0.0.0.0', '--announced-ip', '203.0.113.7', '--no-sfu']);
    expect(config).toMatchObject({ noSfu: true, workers: 3, rtcMinPort: 50_000, rtcMaxPort: 50_100 });
    expect(sfuSettingsFrom(config)).toMatchObject({ listenIp: '0.0.0.0', announcedIp: '203.0.113.7' });
  });

  it('reads --consumers-per-router and MOIM_CONSUMERS_PER_ROUTER', () => {
    expect(sfuSettingsFrom(parse(['--consumers-per-router', '1']))).toMatchObject({ consumersPerRouter: 1 });
    expect(parse([], { MOIM_CONSUMERS_PER_ROUTER: '250' })).toMatchObject({ consumersPerRouter: 250 });
  });

  it('reads MOIM_NO_SFU and MOIM_WORKERS from the environment', () => {
    expect(parse([], { MOIM_NO_SFU: '1', MOIM_WORKERS: '2' })).toMatchObject({ noSfu: true, workers: 2 });
    expect(parse([], { MOIM_NO_SFU: 'false' })).toMatchObject({ noSfu: false });
  });

  it.each([
    [['--workers', '0'], /--workers/],
    [['--rtc-min-port', '80'], /--rtc-min-port/],
    [['--consumers-per-router', '0'], /--consumers-per-router/],
    [['--consumers-per-router', 'many'], /--consumers-per-router/],
    [['--rtc-min-port', '45000', '--rtc-max-port', '44000'], /--rtc-max-port.*must not be below --rtc-min-port/],
    [['--rtc-listen-ip', 'localhost'], /--rtc-listen-ip/],
  ])('rejects %j naming the flag', (argv, message) => {
    expect(() => parse(argv)).toThrow(message);
  });

  it('rejects a MOIM_NO_SFU that is neither true nor false', () => {
    expect(() => parse([], { MOIM_NO_SFU: 'maybe' })).toThrow(/--no-sfu/);
  });

  it('transports announce the listen IP itself unless an announced IP is set', () => {
    const settings = { ...sfuSettingsFrom(parse([])), listenIp: '192.0.2.1' };
    expect(webRtcTransportOptions(settings, false).listenIps).toEqual([{ ip: '192.0.2.1' }]);
  });

  it('routers offer opus, then VP8 before VP9 and H264', () => {
    expect(MEDIA_CODECS.map((c) => c.mimeType)).toEqual(['audio/opus', 'video/VP8', 'video/VP9', 'video/H264']);
  });
});
