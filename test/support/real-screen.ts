import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * The presenter's machine: headed Chromium on the virtual X screen (Xvfb, 1920×1080), where getDisplayMedia
 * captures the real screen (see shared/ENVIRONMENT.md). --auto-select-desktop-capture-source answers the
 * browser's own prompt with the entire screen, as a user picking it would; the fake-UI and fake-device flags must
 * go (with them the capture fails to start). Nothing is throttled for being covered by the source's window.
 */
export const SCREEN_LAUNCH = {
  headless: false,
  omitArgs: ['--use-fake-'],
  extraArgs: [
    '--auto-select-desktop-capture-source=Entire screen',
    '--window-position=0,0',
    '--window-size=1920,1080',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
  ],
};

/** Launches the presenter's headed Chromium on this machine's X display. */
export function launchScreenBrowser(): Promise<Browser> {
  const args = CHROMIUM_ARGS.filter((a) => !SCREEN_LAUNCH.omitArgs.some((prefix) => a.startsWith(prefix)));
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: false,
    args: [...args, ...SCREEN_LAUNCH.extraArgs],
  });
}

/** Why a real screen capture cannot run here (no X display to capture), or undefined when it can. */
export function whyNoScreen(): string | undefined {
  return process.env.DISPLAY
    ? undefined
    : 'no X display (run under xvfb-run -s "-screen 0 1920x1080x24", as npm test and npm run bench do)';
}
