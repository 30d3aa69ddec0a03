import { startRoomServer, type RoomServerProcess } from '../room-server';
import { trackPid, untrack } from './cleanup';
import type { LabNode } from './lab';

/**
 * Starts the built room server inside `node`'s namespace: signaling and mediasoup both on the node's lab address,
 * so every byte between a browser and the server crosses the links the lab can impair.
 */
export async function startRoomServerOn(
  node: LabNode,
  extraArgs: string[] = [],
  /** A fixed port (e.g. to start a server again where clients expect it); default: any free one. */
  port = 0,
): Promise<RoomServerProcess> {
  // Plain http on the lab address (the lab's Chromium treats it as secure): without `--tls off` a non-loopback
  // host would get a self-signed certificate that these tests of the network path have no reason to trust.
  const args = ['--tls', 'off', '--rtc-listen-ip', node.address, ...extraArgs];
  const server = await startRoomServer(args, {}, port, {
    host: node.address,
    netns: node.ns,
  });
  trackPid(server.pid);
  return {
    ...server,
    stop: async () => {
      await server.stop();
      untrack({ pid: server.pid });
    },
  };
}
