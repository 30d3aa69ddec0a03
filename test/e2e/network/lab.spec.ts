import { spawn } from 'node:child_process';
import type { NetLab } from '../../support/netns/lab';
import { expect, test } from './support/lab-fixture';

// The lab itself: each impairment does what it says on one client's link, and nothing else's. Plain sockets in
// the namespaces (no browser): a UDP datagram and a TCP connection from client a to a listener on the server.

/** Runs a short Node script inside namespace `ns` and resolves with what it printed. */
function nodeIn(ns: string, script: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--input-type=module', '-e', script, ...args]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve(out.trim()));
  });
}

// Listens on UDP and TCP port 7000 for 1.5 s and prints what reached it.
const LISTEN = `
import dgram from 'node:dgram'; import net from 'node:net';
const got = new Set();
dgram.createSocket('udp4').on('message', () => got.add('udp')).bind(7000, process.argv[1]);
net.createServer((c) => { got.add('tcp'); c.destroy(); }).listen(7000, process.argv[1]);
setTimeout(() => { console.log([...got].sort().join(',') || 'nothing'); process.exit(0); }, 1500);`;

// Sends a few UDP datagrams and opens a TCP connection to port 7000 of the given address.
const SEND = `
import dgram from 'node:dgram'; import net from 'node:net';
const u = dgram.createSocket('udp4');
for (let i = 0; i < 5; i++) setTimeout(() => u.send('x', 7000, process.argv[1]), 200 + i * 100);
setTimeout(() => net.connect(7000, process.argv[1]).on('error', () => {}), 200);
setTimeout(() => process.exit(0), 1300);`;

/** What of a UDP burst and a TCP connection from client `from` reaches the server: 'tcp,udp', 'tcp' or 'nothing'. */
async function whatArrives(lab: NetLab, from: 'a' | 'b'): Promise<string> {
  const server = lab.node('server');
  const [received] = await Promise.all([
    nodeIn(server.ns, LISTEN, [server.address]),
    nodeIn(lab.node(from).ns, SEND, [server.address]),
  ]);
  return received;
}

test('the lab blocks UDP, drops everything, or takes a link down on one client link only', async ({ lab }) => {
  expect(await whatArrives(lab, 'a')).toBe('tcp,udp');

  await lab.node('a').link.blockUdp(true);
  expect(await whatArrives(lab, 'a')).toBe('tcp');
  expect(await whatArrives(lab, 'b'), 'client b is not affected').toBe('tcp,udp');
  await lab.node('a').link.blockUdp(false);

  await lab.node('a').link.blackhole(true);
  expect(await whatArrives(lab, 'a')).toBe('nothing');
  await lab.node('a').link.blackhole(false);

  await lab.node('a').link.setUp(false);
  expect(await whatArrives(lab, 'a')).toBe('nothing');
  await lab.node('a').link.setUp(true);
  expect(await whatArrives(lab, 'a')).toBe('tcp,udp');
});
