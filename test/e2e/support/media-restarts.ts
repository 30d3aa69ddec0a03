import type { Browser, Page } from '@playwright/test';

/** One time a `<video>` or `<audio>` started loading again (`loadstart`) or dropped its media (`emptied`). */
export interface MediaRestart {
  type: 'emptied' | 'loadstart';
  /** The element and whose media it plays, e.g. "video abc:cam" (from its or its tile's data attributes). */
  element: string;
}

interface Recorder {
  restarts: MediaRestart[];
  speakerChanges: number;
}

/**
 * Opens Moim in a fresh context (camera and mic allowed) whose pages record every `<video>` and `<audio>`
 * restart, even inside shadow roots: `emptied` and `loadstart` don't bubble out of a shadow root, so every shadow root gets
 * a capturing listener as it is attached. Read with `mediaRestarts`.
 */
export async function openRecordingMediaRestarts(browser: Browser, baseUrl: string, name: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await context.addInitScript(() => {
    const recorder: Recorder = { restarts: [], speakerChanges: 0 };
    (window as Window & { __mediaRestarts?: Recorder }).__mediaRestarts = recorder;
    const attach = Element.prototype.attachShadow;
    const record = (event: Event) => {
      const media = event.target;
      if (!(media instanceof HTMLMediaElement)) return;
      const tagged = media.hasAttribute('data-peer-id') ? media : (media.getRootNode() as ShadowRoot).host;
      const source = `${tagged?.getAttribute('data-peer-id') ?? '?'}:${tagged?.getAttribute('data-kind') ?? '?'}`;
      recorder.restarts.push({ type: event.type as MediaRestart['type'], element: `${media.localName} ${source}` });
    };
    Element.prototype.attachShadow = function (init: ShadowRootInit): ShadowRoot {
      const root = attach.call(this, init);
      root.addEventListener('emptied', record, true);
      root.addEventListener('loadstart', record, true);
      return root;
    };
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Your name').fill(name);
  return page;
}

/** Starts counting the engine's active-speaker changes on a page opened by `openRecordingMediaRestarts`. */
export async function countSpeakerChanges(page: Page): Promise<void> {
  await page.evaluate(() => {
    const recorder = (window as Window & { __mediaRestarts?: Recorder }).__mediaRestarts!;
    window.moim!.engine!.on('activespeaker', () => recorder.speakerChanges++);
  });
}

/** What a page opened by `openRecordingMediaRestarts` recorded so far. */
export async function mediaRestarts(page: Page): Promise<Recorder> {
  return page.evaluate(() => {
    const recorder = (window as Window & { __mediaRestarts?: Recorder }).__mediaRestarts!;
    return { restarts: [...recorder.restarts], speakerChanges: recorder.speakerChanges };
  });
}
