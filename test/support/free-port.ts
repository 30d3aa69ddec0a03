import dgram from 'node:dgram';
import { once } from 'node:events';
import net from 'node:net';

/**
 * The media ports room servers in tests take (the server's default range, and the fixed ranges some specs give):
 * a port handed out from here and bound a moment later could meanwhile be taken by a media server's TCP or UDP
 * listener, as a fresh-clone run saw (EADDRINUSE on a signaling port inside a cluster's RTC range).
 */
const MEDIA_PORTS = { min: 40_000, max: 49_999 };

/** Whether `port` is free for UDP on 127.0.0.1 too (bound, then released). */
async function udpFree(port: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  const free = await new Promise<boolean>((resolve) => {
    socket.once('error', () => resolve(false));
    socket.bind(port, '127.0.0.1', () => resolve(true));
  });
  socket.close();
  return free;
}

/**
 * A loopback port nothing listens on right now and outside the media port range (for a server that is told its
 * port, e.g. one that must come back on the same port); with `udp`, free for UDP as well.
 */
export async function freePort(options: { udp?: boolean } = {}): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const clear = port < MEDIA_PORTS.min || port > MEDIA_PORTS.max;
    if (attempt >= 50 || (clear && (!options.udp || (await udpFree(port))))) return port;
  }
}
