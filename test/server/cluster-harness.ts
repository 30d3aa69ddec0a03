// A real Redis and several real room-server processes (the built CLI) on loopback, clustered with --redis.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis, type RedisProcess } from '../support/redis-server';
import { startRoomServer, type RoomServerProcess } from '../support/room-server';
import { connectSignaling, type SignalingClient } from '../support/ws-client';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bundle = path.join(repo, 'dist/server/index.js');

/** Heartbeat of the test clusters: entries of a dead server expire after three (0.6 s). */
export const TEST_HEARTBEAT_MS = 200;

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the server bundle when its sources are newer than it (the setup step normally has). */
export function ensureServerBundle(): void {
  const sources = Math.max(newestSource(path.join(repo, 'server')), newestSource(path.join(repo, 'common')));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < sources) {
    execFileSync(process.execPath, ['scripts/build.mjs', 'server'], { cwd: repo, stdio: 'inherit' });
  }
}

/** A signed-in client of one server of the cluster. */
export interface ClusterClient extends SignalingClient {
  peerId: string;
}

/** Redis plus `count` room servers sharing it; everything is stopped by `stop`. */
export class TestCluster {
  private readonly clients: SignalingClient[] = [];

  private constructor(
    readonly redis: RedisProcess,
    readonly servers: RoomServerProcess[],
  ) {}

  /** `extraArgs` are every server's further flags, or a function of the server's index giving them. */
  static async start(
    count: number,
    extraArgs: string[] | ((index: number) => string[]) = ['--no-sfu'],
  ): Promise<TestCluster> {
    ensureServerBundle();
    const redis = await startRedis();
    const servers: RoomServerProcess[] = [];
    const argsOf = typeof extraArgs === 'function' ? extraArgs : () => extraArgs;
    try {
      for (let i = 0; i < count; i++) servers.push(await startRoomServer(TestCluster.args(redis, argsOf(i))));
    } catch (error) {
      await Promise.all(servers.map((s) => s.stop()));
      await redis.stop();
      throw error;
    }
    return new TestCluster(redis, servers);
  }

  /** The flags that put a server into this cluster. */
  static args(redis: RedisProcess, extraArgs: string[] = []): string[] {
    return ['--redis', redis.url, '--cluster-heartbeat-ms', String(TEST_HEARTBEAT_MS), ...extraArgs];
  }

  /** Connects to server `index` and says hello. */
  async client(index: number, displayName: string): Promise<ClusterClient> {
    const client = await connectSignaling(`${this.servers[index]!.wsUrl}/ws`);
    this.clients.push(client);
    const { peerId } = await client.request('hello', { displayName });
    return Object.assign(client, { peerId });
  }

  /** Closes the clients a test opened. */
  async reset(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((c) => c.close()));
  }

  async stop(): Promise<void> {
    await this.reset();
    await Promise.all(this.servers.map((s) => s.stop()));
    await this.redis.stop();
  }
}

let sequence = 0;

/** Sends a real ICE candidate from `from` to `to` and resolves once exactly it arrived. */
export async function relayCandidate(from: ClusterClient, to: ClusterClient): Promise<void> {
  const candidate = `candidate:${++sequence} 1 udp 2122260223 127.0.0.1 ${41000 + sequence} typ host`;
  const arrived = to.notifications.waitFor(
    'signal',
    (s) => s.from === from.peerId && (s.candidate as { candidate?: string } | undefined)?.candidate === candidate,
  );
  await from.request('signal', { to: to.peerId, candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } });
  await arrived;
}
