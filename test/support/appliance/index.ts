import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../../../scripts/node-bundle.mjs';
import type {
  ApplianceCommand,
  ApplianceEvent,
  ApplianceEventName,
  ApplianceEventOf,
  ApplianceOptions,
} from './protocol';

export type * from './protocol';

const here = path.dirname(fileURLToPath(import.meta.url));
// Inside the repository's node_modules, so the bundle's bare imports (ws, zod, @roamhq/wrtc) resolve.
const cacheDir = path.resolve(here, '../../../node_modules/.cache/moim-appliance');

let bundled: Promise<string> | undefined;

/** Bundles the child's TypeScript once per process into a content-named .mjs that plain Node runs. */
function bundle(): Promise<string> {
  bundled ??= (async () => {
    const result = await build({
      entryPoints: [path.join(here, 'appliance-process.ts')],
      ...NODE_BUNDLE,
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.contents;
    const file = path.join(cacheDir, `appliance-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
    if (!existsSync(file)) {
      await mkdir(cacheDir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, code);
      await rename(temp, file); // Atomic: parallel test workers never run a half-written file.
    }
    return file;
  })();
  return bundled;
}

/** A command the child could not carry out; `code` is the server's error code when there was one. */
export class ApplianceCommandError extends Error {
  constructor(
    readonly command: string,
    message: string,
    readonly code?: string,
  ) {
    super(`${command} failed${code ? ` with ${code}` : ''}: ${message}`);
    this.name = 'ApplianceCommandError';
  }
}

interface Waiter {
  matches: (e: ApplianceEvent) => boolean;
  resolve: (e: ApplianceEvent) => void;
  reject: (error: Error) => void;
}

/** A headless device peer in its own Node process (@roamhq/wrtc), driven over JSON lines. */
export class Appliance {
  /** Every event so far, in order. */
  readonly events: ApplianceEvent[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly exited: Promise<void>;
  private log = '';
  private creating: Promise<ApplianceEventOf<'created'>> | undefined;

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => this.onLine(line));
    child.stderr!.on('data', (d: Buffer) => (this.log = (this.log + d.toString()).slice(-20_000)));
    this.exited = once(child, 'exit').then(() => {
      const error = new Error(`the appliance exited (${this.exitStatus()}) ${this.diagnostics()}`);
      for (const w of [...this.waiters]) w.reject(error);
    });
  }

  /** Spawns the appliance and resolves once it has said hello to the server. */
  static async start(options: ApplianceOptions): Promise<Appliance> {
    const file = await bundle();
    const child = spawn(process.execPath, [file, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const appliance = new Appliance(child);
    try {
      await appliance.waitFor('ready', () => true, 10_000);
    } catch (error) {
      await appliance.stop();
      throw error;
    }
    return appliance;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Creates the audio session (once) and resolves with its id and join token. */
  created(): Promise<ApplianceEventOf<'created'>> {
    this.creating ??= this.command({ cmd: 'create' }, 'created');
    return this.creating;
  }

  /** Answerer: joins a session with its token; rejects with the server's `code` (e.g. FORBIDDEN). */
  join(sessionId: string, token: string): Promise<ApplianceEventOf<'joined'>> {
    return this.command({ cmd: 'join', sessionId, token }, 'joined');
  }

  /** Writes one command line; fire and forget (results arrive as events). */
  send(command: ApplianceCommand): void {
    if (this.child.exitCode === null && this.child.stdin!.writable) {
      this.child.stdin!.write(`${JSON.stringify(command)}\n`);
    }
  }

  /** Resolves with the first `event`, already received or later, that matches `predicate`. */
  waitFor<E extends ApplianceEventName>(
    event: E,
    predicate: (e: ApplianceEventOf<E>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<ApplianceEventOf<E>> {
    const matches = (e: ApplianceEvent) => e.event === event && predicate(e as ApplianceEventOf<E>);
    return this.wait(matches, 0, timeoutMs, event) as Promise<ApplianceEventOf<E>>;
  }

  /** Sends `command` and resolves with the next `event`, or rejects on the command's own `error` event. */
  private async command<E extends ApplianceEventName>(
    command: ApplianceCommand,
    event: E,
    timeoutMs = 10_000,
  ): Promise<ApplianceEventOf<E>> {
    const from = this.events.length;
    this.send(command);
    const matches = (e: ApplianceEvent) => e.event === event || (e.event === 'error' && e.during === command.cmd);
    const reply = await this.wait(matches, from, timeoutMs, event);
    if (reply.event === 'error') throw new ApplianceCommandError(command.cmd, reply.message, reply.code);
    return reply as ApplianceEventOf<E>;
  }

  private wait(
    matches: (e: ApplianceEvent) => boolean,
    from: number,
    timeoutMs: number,
    what: string,
  ): Promise<ApplianceEvent> {
    const earlier = this.events.slice(from).find(matches);
    if (earlier) return Promise.resolve(earlier);
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return Promise.reject(
        new Error(`the appliance exited (${this.exitStatus()}) before ${what} ${this.diagnostics()}`),
      );
    }
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        matches,
        resolve: (e) => {
          settle();
          resolve(e);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new Error(`no matching ${what} event within ${timeoutMs} ms ${this.diagnostics()}`)),
        timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }

  /** The most recent `event`, if any. */
  last<E extends ApplianceEventName>(event: E): ApplianceEventOf<E> | undefined {
    return this.events.findLast((e): e is ApplianceEventOf<E> => e.event === event);
  }

  /** What the child wrote to stderr (the tail). */
  output(): string {
    return this.log;
  }

  /** Asks the child to quit cleanly, kills it by PID after 3 s; resolves with how it exited. Safe to call twice. */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.send({ cmd: 'quit' });
      const timer = setTimeout(() => {
        if (this.child.exitCode === null && this.child.signalCode === null) process.kill(this.child.pid!, 'SIGKILL');
      }, 3000);
      await this.exited;
      clearTimeout(timer);
    }
    return { code: this.child.exitCode, signal: this.child.signalCode };
  }

  private onLine(line: string): void {
    let event: ApplianceEvent;
    try {
      event = JSON.parse(line) as ApplianceEvent;
    } catch {
      this.log += `${line}\n`;
      return;
    }
    this.events.push(event);
    for (const w of [...this.waiters]) {
      if (w.matches(event)) w.resolve(event);
    }
  }

  private exitStatus(): string {
    return this.child.signalCode ?? `code ${this.child.exitCode}`;
  }

  private diagnostics(): string {
    const recent = this.events
      .filter((e) => e.event !== 'audio')
      .slice(-8)
      .map((e) => JSON.stringify(e));
    const audio = this.last('audio');
    return [`\nrecent events:`, ...recent, audio ? `last audio: ${JSON.stringify(audio)}` : '', this.log.slice(-2000)]
      .filter(Boolean)
      .join('\n');
  }
}
