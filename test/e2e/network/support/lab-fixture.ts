import { test as base, type Browser } from '@playwright/test';
import { launchInNamespace } from '../../../support/netns/chromium';
import { LAB_SUBNET, NetLab, whyNoNamespaces } from '../../../support/netns/lab';
import { startRoomServerOn } from '../../../support/netns/room-server';
import type { RoomServerProcess } from '../../../support/room-server';

/** The machines of every lab, in address order: 'server' is .1, 'relay' (for the UDP impairment relay) .5. */
const LAB_ROLES = ['server', 'a', 'b', 'c', 'relay'] as const;

/** The lab-subnet address of `role` (known before the lab exists, for `test.use({ serverArgs })`). */
export function labAddress(role: (typeof LAB_ROLES)[number]): string {
  return `${LAB_SUBNET}.${LAB_ROLES.indexOf(role) + 1}`;
}

/** What a network test gets: a fresh lab (server + clients, each on its own link), its server, and browsers. */
export interface NetworkFixtures {
  /** Extra room-server flags for a spec (`test.use`). */
  serverArgs: string[];
  lab: NetLab;
  /** The real room server (with mediasoup) inside the lab's 'server' namespace. */
  labServer: RoomServerProcess;
  /** Launches Chromium inside the namespace of client `role` ('a', 'b', 'c'); closed after the test. */
  browserOn: (role: ClientRole) => Promise<Browser>;
}

/** The lab's client machines: each has its own link to the hub. */
export type ClientRole = 'a' | 'b' | 'c';

let why: Promise<string | undefined> | undefined;
/** Checked once per worker; printed as the one line that says why the network tests skip. */
function whyNot(): Promise<string | undefined> {
  return (why ??= whyNoNamespaces().then((reason) => {
    if (reason) console.log(`network tests skipped: ${reason}`);
    return reason;
  }));
}

/**
 * Playwright test with one lab per test (so no impairment outlives its test): every namespace, veth and process
 * it made is removed after the test, also when the test fails (and at process exit, by the harness's own hook).
 */
export const test = base.extend<NetworkFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter.
  lab: async ({}, use, testInfo) => {
    const reason = await whyNot();
    testInfo.skip(reason !== undefined, reason);
    const lab = await NetLab.create([...LAB_ROLES]);
    try {
      await use(lab);
    } finally {
      await lab.close();
    }
  },
  serverArgs: [[], { option: true }],
  labServer: async ({ lab, serverArgs }, use) => {
    const server = await startRoomServerOn(lab.node('server'), serverArgs);
    try {
      await use(server);
    } finally {
      await server.stop();
    }
  },
  browserOn: async ({ lab, labServer }, use) => {
    const browsers: Browser[] = [];
    try {
      await use(async (role) => {
        const browser = await launchInNamespace(lab.node(role).ns, labServer.httpUrl);
        browsers.push(browser);
        return browser;
      });
    } finally {
      await Promise.all(browsers.map((b) => b.close()));
    }
  },
});

export { expect } from '@playwright/test';
