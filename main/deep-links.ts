import type { JoinLink } from '../common/ipc/schemas';
import { DEEP_LINK_SCHEME, parseCommandLine, parseDeepLink } from './cli';
import { logger } from './log';

const log = logger('deep-links');

/** The slice of Electron's `app` deep links need. */
export interface DeepLinkApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

/** Where links go once the app is up. */
export interface DeepLinkConsumer {
  onLink(link: JoinLink): void;
  /** Another launch was folded into this one: bring the window forward. */
  onSecondInstance(): void;
}

/** Lets the app attach its consumer after `ready`; links that arrive earlier wait in a queue. */
export interface DeepLinks {
  attach(consumer: DeepLinkConsumer): void;
}

/**
 * Registers moim:// with the OS and listens for links from `second-instance` (Windows, Linux) and
 * `open-url` (macOS). Call at the top level of main: macOS may deliver `open-url` before `ready`.
 */
export function setupDeepLinks(deps: {
  app: DeepLinkApp;
  /** `process.defaultApp`: running as `electron .`, so the OS must be told how to relaunch us. */
  defaultApp: boolean;
  execPath: string;
  appPath?: string;
}): DeepLinks {
  const registered =
    deps.defaultApp && deps.appPath
      ? deps.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, deps.execPath, [deps.appPath])
      : deps.app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (!registered) log.warn('setup | could not register %s:// with the OS', DEEP_LINK_SCHEME);

  let consumer: DeepLinkConsumer | null = null;
  const queue: JoinLink[] = [];
  const deliver = (raw: string) => {
    const parsed = parseDeepLink(raw);
    if (!parsed.ok) {
      log.warn('link | refused (%s): %s', parsed.error, raw.slice(0, 200));
      return;
    }
    if (consumer) consumer.onLink(parsed.value);
    else queue.push(parsed.value);
  };

  deps.app.on('open-url', (event, url) => {
    event.preventDefault();
    deliver(url);
  });
  deps.app.on('second-instance', (_event, argv) => {
    consumer?.onSecondInstance();
    const parsed = parseCommandLine(argv);
    if (!parsed.ok) {
      log.warn('second-instance | ignored bad flags: %s', parsed.error.split('\n')[0]);
      return;
    }
    const { deepLink, server, room, kiosk } = parsed.value;
    if (deepLink) deliver(deepLink);
    else if (server && room && !kiosk)
      deliver(`${DEEP_LINK_SCHEME}://join/${room}?server=${encodeURIComponent(server)}`);
  });

  return {
    attach(next) {
      consumer = next;
      for (const link of queue.splice(0)) next.onLink(link);
    },
  };
}
