import type { Browser } from '@playwright/test';
import { test } from '../test/e2e/support/fixtures';
import { launchInNamespace } from '../test/support/netns/chromium';
import { NetLab, whyNoNamespaces } from '../test/support/netns/lab';
import { startRoomServerOn } from '../test/support/netns/room-server';
import { loadMeter } from './lib/proc-stats';
import { makeAssets } from './screen-share/page-kit';
import { reportShare, type LoadedSample } from './screen-share/report';
import { sampleShare, type SampleOptions } from './screen-share/sample';
import { launchScreenBrowser, SCREEN_LAUNCH, whyNoScreen } from '../test/support/real-screen';
import { openSourceScreen } from './screen-share/screen-browser';
import { openPath, PATHS, type SharePath } from './screen-share/share-paths';
import { CONTENTS, type Content } from './screen-share/source-content';

// Screen-share quality: a known 1920×1080 source shown full screen on Xvfb, captured by getDisplayMedia in headed
// Chromium (the user's "Entire screen"), shared through a bare RTCPeerConnection call (the floor), a Moim P2P room
// and a Moim SFU room (the web client's own Share button and picker); viewers judge decoded frames against the
// rebuilt source frame (SSIM). Paths take turns within each round. Then the same with the presenter's link capped
// at 1 Mbit/s in a network namespace (root only), capped and uncapped rounds interleaved.
// BENCH_SHARE_RUNS=n shares per content × path (default BENCH_RUNS / 4, at least 1); BENCH_SHARE_WINDOW_MS the
// judged window per share (default 5000); BENCH_SHARE_CAP_RUNS the capped rounds (default half the runs);
// BENCH_SHARE_CONTENTS=slide,code,motion (any of them) the contents.

const RUNS = Number(process.env.BENCH_SHARE_RUNS ?? Math.max(1, Math.ceil(Number(process.env.BENCH_RUNS ?? 12) / 4)));
const CAP_RUNS = Number(process.env.BENCH_SHARE_CAP_RUNS ?? Math.ceil(RUNS / 2));
const OPTIONS: SampleOptions = {
  windowMs: Number(process.env.BENCH_SHARE_WINDOW_MS ?? 5000),
  everyMs: 250,
  lateJoiner: true,
};
/** The presenter's capped link, as the report labels it, and its rate. */
const CAP = { label: '1mbit', kbit: 1000 } as const;
const TEXT: Content[] = ['slide', 'code'];
/** BENCH_SHARE_CONTENTS=motion (comma-separated) runs only those contents, for a quick look at one. */
const ONLY = (process.env.BENCH_SHARE_CONTENTS ?? '')
  .split(',')
  .filter((c): c is Content => CONTENTS.includes(c as Content));
const RUN_CONTENTS: readonly Content[] = ONLY.length > 0 ? ONLY : CONTENTS;

/** Runs `rounds` rounds of every content × path between the two browsers, each round's paths in turn. */
async function runRounds(
  screen: Browser,
  viewers: Browser,
  origin: string,
  plan: { rounds: number; contents: readonly Content[]; links: { label: string; set(): Promise<void> }[] },
  options: SampleOptions,
): Promise<LoadedSample[]> {
  // The images are drawn in a viewer's page; the presenters' windows open before the source's, which must be on top.
  const drawing = await viewers.newPage();
  await drawing.goto(`${origin}/healthz`);
  const assets = await makeAssets(drawing);
  await drawing.close();
  const paths: SharePath[] = [];
  for (const name of PATHS) paths.push(await openPath(name, screen, viewers, origin, assets));
  const source = await openSourceScreen(screen, origin, assets);
  console.log(`screen share: ${paths.length} paths open, source on screen`);
  const samples: LoadedSample[] = [];
  try {
    for (let round = 1; round <= plan.rounds; round++) {
      for (const link of plan.links) {
        await link.set();
        for (const content of plan.contents) {
          await source.show(content);
          for (const path of paths) {
            const meter = loadMeter();
            const sample = await sampleShare(path, content, link.label, options, () => source.page.bringToFront());
            samples.push({ ...sample, load: meter.stop() });
            const ssims = sample.frames.flatMap((f) => (f.ssim === null ? [] : [f.ssim])).sort((a, b) => a - b);
            console.log(
              `${content} ${path.name} ${link.label} ${round}/${plan.rounds}: ` +
                (sample.ok
                  ? `SSIM median ${ssims[Math.floor(ssims.length / 2)] ?? '—'} over ${ssims.length} frames, ${sample.fps} fps, ` +
                    `share→1080p ${sample.shareToFullResMs ?? '—'} ms, join→sharp ${sample.joinToSharpMs ?? '—'} ms`
                  : `FAILED: ${sample.error}`),
            );
          }
        }
      }
    }
  } finally {
    for (const path of paths) await path.close().catch(() => undefined);
    await source.page.context().close();
  }
  return samples;
}

/** The capped rounds in a lab: presenter (headed, on the X display) on 'a', viewers on 'b', the server on 'server'. */
async function runCapped(): Promise<LoadedSample[]> {
  const why = await whyNoNamespaces();
  if (why) {
    console.log(`screen share at 1 Mbit/s skipped: ${why}`);
    return [];
  }
  const lab = await NetLab.create(['server', 'a', 'b']);
  try {
    const server = await startRoomServerOn(lab.node('server'));
    const screen = await launchInNamespace(lab.node('a').ns, server.httpUrl, SCREEN_LAUNCH);
    const viewers = await launchInNamespace(lab.node('b').ns, server.httpUrl);
    try {
      const link = lab.node('a').link;
      return await runRounds(
        screen,
        viewers,
        server.httpUrl,
        {
          rounds: CAP_RUNS,
          contents: TEXT,
          links: [
            { label: 'lab', set: () => link.cap(undefined, 'up') },
            { label: CAP.label, set: () => link.cap(CAP.kbit, 'up') },
          ],
        },
        { ...OPTIONS, lateJoiner: false },
      );
    } finally {
      await screen.close();
      await viewers.close();
      await server.stop();
    }
  } finally {
    await lab.close();
  }
}

test('screen share: SSIM vs the source through a bare call, Moim P2P and Moim SFU, and at 1 Mbit/s', async ({
  browser,
  roomServer,
}) => {
  const why = whyNoScreen();
  if (why) console.log(`screen-share benchmark skipped: ${why}`);
  test.skip(why !== undefined, why);
  test.setTimeout(120_000 + (RUNS * 9 + CAP_RUNS * 12) * 60_000);
  const screen = await launchScreenBrowser();
  let samples: LoadedSample[];
  try {
    const open = [{ label: 'open', set: async () => undefined }];
    samples = await runRounds(
      screen,
      browser,
      roomServer.httpUrl,
      { rounds: RUNS, contents: RUN_CONTENTS, links: open },
      OPTIONS,
    );
  } finally {
    await screen.close();
  }
  if (CAP_RUNS > 0) {
    // The capped rounds come after the open ones: if the lab fails, the open figures are still reported.
    samples.push(
      ...(await runCapped().catch((error: Error) => (console.log(`capped rounds failed: ${error.message}`), []))),
    );
  }
  await reportShare(samples, RUNS, CAP_RUNS > 0 ? CAP.label : null, browser);
});
