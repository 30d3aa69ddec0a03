import { readFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium';
import { launchInNamespace } from '../../test/support/netns/chromium';
import { NetLab, whyNoNamespaces } from '../../test/support/netns/lab';
import { startRoomServerOn } from '../../test/support/netns/room-server';
import { startRoomServer, type RoomServerProcess } from '../../test/support/room-server';

/**
 * Where the kiosk soak runs: the room server, the presenter's and the kiosk's browsers, and the faults it can
 * cause. As root the server, the presenter and the kiosk each get a network namespace (the kiosk's link can be
 * pulled); otherwise everything runs on loopback and `linkDropSkipped` says why that kind of fault is skipped.
 */
export class SoakStage {
  private constructor(
    private current: RoomServerProcess,
    private readonly port: number,
    readonly presenterBrowser: Browser,
    readonly kioskBrowser: Browser,
    private readonly lab: NetLab | null,
    /** Why link drops are skipped here (undefined: they run). */
    readonly linkDropSkipped: string | undefined,
  ) {}

  /** Sets the stage up: a lab when namespaces can be made here, else loopback. */
  static async open(): Promise<SoakStage> {
    const why = await whyNoNamespaces();
    if (why) {
      const server = await startRoomServer();
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      return new SoakStage(server, Number(new URL(server.httpUrl).port), browser, browser, null, why);
    }
    const lab = await NetLab.create(['server', 'presenter', 'kiosk']);
    try {
      const server = await startRoomServerOn(lab.node('server'));
      const presenter = await launchInNamespace(lab.node('presenter').ns, server.httpUrl);
      const kiosk = await launchInNamespace(lab.node('kiosk').ns, server.httpUrl);
      return new SoakStage(server, Number(new URL(server.httpUrl).port), presenter, kiosk, lab, undefined);
    } catch (error) {
      await lab.close();
      throw error;
    }
  }

  /** The room server's web address (the same across restarts). */
  get url(): string {
    return this.current.httpUrl;
  }

  /** Stops the room server and starts it again on the same address (every room and peer is gone). */
  async restartServer(): Promise<void> {
    await this.current.stop();
    this.current = this.lab
      ? await startRoomServerOn(this.lab.node('server'), [], this.port)
      : await startRoomServer([], {}, this.port);
  }

  /** Pulls the kiosk's link for `ms`, then plugs it back in (lab only). */
  async dropKioskLink(ms: number): Promise<void> {
    if (!this.lab) throw new Error(`no link drop here: ${this.linkDropSkipped}`);
    const link = this.lab.node('kiosk').link;
    await link.setUp(false);
    await new Promise((resolve) => setTimeout(resolve, ms));
    await link.setUp(true);
  }

  /** Kills (SIGKILL) every mediasoup worker of the room server by PID (/proc comm is cut at 15 characters); returns how many. */
  killWorkers(): number {
    const workers = childPids(this.current.pid).filter((pid) => commandOf(pid).startsWith('mediasoup-work'));
    for (const pid of workers) process.kill(pid, 'SIGKILL');
    return workers.length;
  }

  /** Closes the browsers, stops the server and removes the lab. */
  async close(): Promise<void> {
    await this.presenterBrowser.close();
    if (this.kioskBrowser !== this.presenterBrowser) await this.kioskBrowser.close();
    await this.current.stop();
    await this.lab?.close();
  }
}

function childPids(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}
