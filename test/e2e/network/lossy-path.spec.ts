import { startRelayIn, type RelayProcess } from '../../support/netns/relay-process';
import { expect, labAddress, test } from './support/lab-fixture';
import { broadcast, openAll } from './support/broadcast';
import { watchVideo } from './support/receive-stats';

// Loss and delay through the user-space UDP relay (this kernel has no netem; see test/support/netns/udp-relay.ts):
// mediasoup announces the relay's address, so every media packet between a browser and the SFU crosses it.

const RTC_PORTS = Array.from({ length: 10 }, (_, i) => 40_000 + i);

test.use({
  serverArgs: [
    ...['--rtc-min-port', String(RTC_PORTS[0]), '--rtc-max-port', String(RTC_PORTS.at(-1))],
    ...['--announced-ip', labAddress('relay')],
  ],
});

test.describe.configure({ timeout: 180_000 });

test('a viewer behind 3 % loss and 80 ms delay each way keeps decoding the presenter', async ({
  lab,
  labServer,
  browserOn,
}) => {
  let relay: RelayProcess | undefined;
  try {
    relay = await startRelayIn(lab.node('relay').ns, {
      listenHost: labAddress('relay'),
      ports: RTC_PORTS,
      targetHost: labAddress('server'),
    });
    const { presenter, viewers } = await openAll(browserOn, labServer.httpUrl, ['b']);
    await broadcast(presenter, viewers);
    relay.impair({ loss: 0.03, delayMs: 80, jitterMs: 10 });
    const seen = await watchVideo(viewers[0]!, 10_000);
    console.log(
      `through 3 % loss + 80 ms each way: ${seen.fps.toFixed(1)} fps, widths ${[...new Set(seen.widths)]}, ` +
        `${seen.freezes} freezes (${seen.frozenSeconds.toFixed(2)} s), longest stall ${seen.longestStallMs} ms`,
    );
    // Issue 11 sets no target here; the figures above are the measurement. The bounds catch the stalls this path
    // used to have: the sender turning its upper layers off and on left the viewer on a silent layer, then on a frame
    // lost past repair, for 2.1–5.9 s (longest stall) at 4–13 fps. With the server's layer watch and the engine's
    // stall watch (2026-12-07, 16 runs): 0.3–1.8 s at 11–15 fps.
    expect(seen.fps, 'frames per second through the lossy path').toBeGreaterThan(5);
    expect(seen.longestStallMs, 'longest stretch without a new frame').toBeLessThan(3500);
  } finally {
    await relay?.stop();
  }
});
