import type { Browser, Page } from '@playwright/test';
import { bareReceiver, openBenchChannel } from './bare-call';
import { FRAME_CODE, installFrameReader } from './frame-code';
import { installProbes, type ProbeLog, type ProbeOptions, type ProbeWindow } from './probes';
import { isBareCall, type Sender } from './senders';

/** A receiving page loaded and probed, one click away from joining its sender. */
export interface Joiner {
  page: Page;
  sender: Sender;
  close(): Promise<void>;
}

/**
 * Opens a receiving page for `sender` with the probes installed: for the bare call a page in the sender's context
 * (BroadcastChannel signaling), for the relayed call a fresh context connected to the relay, for Moim a fresh
 * context on the home view with the name and room id filled in.
 */
export async function prepareJoiner(
  browser: Browser,
  baseUrl: string,
  sender: Sender,
  options: ProbeOptions,
): Promise<Joiner> {
  const bare = isBareCall(sender.variant);
  // Broadcast viewers never open a device, so their context grants none.
  const permissions = sender.variant === 'broadcast' ? [] : ['camera', 'microphone'];
  const context = sender.variant === 'bare' ? sender.context : await browser.newContext({ permissions });
  const page = await context.newPage();
  await page.addInitScript(installProbes, options);
  if (options.readFrames) await page.addInitScript(installFrameReader, FRAME_CODE);
  page.on('pageerror', (error) => console.log(`[receiver] page error: ${error.message}`));
  if (bare) {
    await page.goto(sender.relay?.pageUrl ?? `${baseUrl}/healthz`);
    await page.evaluate(openBenchChannel, sender.relay?.url ?? null);
    return { page, sender, close: () => (context === sender.context ? page.close() : context.close()) };
  }
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Your name').fill('Receiver');
  await page.getByLabel('Room ID or link').fill(sender.roomId);
  return { page, sender, close: () => context.close() };
}

/**
 * Joins: a bare receiver says "join"; a Moim page gets its Join (or, for a broadcast, Watch) button clicked.
 * With `atEpochMs` the click waits in the page until that wall-clock moment, so many pages click at once.
 */
export async function join(joiner: Joiner, atEpochMs = 0): Promise<void> {
  if (isBareCall(joiner.sender.variant)) return joiner.page.evaluate(bareReceiver);
  const name = joiner.sender.variant === 'broadcast' ? 'Watch' : 'Join';
  await joiner.page.getByRole('button', { name, exact: true }).evaluate((button: HTMLElement, at: number) => {
    const go = () => {
      (window as unknown as ProbeWindow).__probes.mark('click');
      button.click();
    };
    if (at > 0) setTimeout(go, at - Date.now());
    else go();
  }, atEpochMs);
}

/** Waits until the page presented its first remote frame; false if none came within `timeoutMs`. */
export async function firstFrame(joiner: Joiner, timeoutMs: number): Promise<boolean> {
  return joiner.page
    .waitForFunction(
      () => (window as unknown as ProbeWindow).__probes.events.some((e) => e.name === 'first frame presented'),
      undefined,
      { timeout: timeoutMs, polling: 50 },
    )
    .then(() => true)
    .catch(() => false);
}

/** What the page's probes recorded so far. */
export function probeLog(joiner: Joiner): Promise<ProbeLog> {
  return joiner.page.evaluate(() => {
    const { events, frames } = (window as unknown as ProbeWindow).__probes;
    return { events, frames };
  });
}
