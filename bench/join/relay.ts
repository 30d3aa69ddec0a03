// The relayed floor's signaling server: the least a call between two machines needs, a WebSocket that hands each
// message to the other clients. No rooms, no validation, no state: what it costs beyond a BroadcastChannel is the
// network path (each page's network service, the loopback, a Node process), which any server-signaled call pays.
// It also serves the relayed call's pages a blank page, so they load from its origin (the room server's CSP, rightly,
// lets its pages connect nowhere else) and never touch the room server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/** A running relay: the page the relayed call's pages load, its ws:// URL, and a way to stop it. */
export interface Relay {
  pageUrl: string;
  url: string;
  close(): Promise<void>;
}

/** Starts a relay on 127.0.0.1 (a free port): every message is sent on to every other open client. */
export async function startRelay(): Promise<Relay> {
  const http = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>relayed call</title>');
  });
  const sockets = new WebSocketServer({ server: http });
  sockets.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => {
      for (const other of sockets.clients) {
        if (other !== socket && other.readyState === other.OPEN) other.send(data, { binary: isBinary });
      }
    });
  });
  await new Promise<void>((resolve, reject) => http.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}/`,
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        http.close(() => resolve());
      }),
  };
}
