import { spawn } from 'node:child_process';
import type { NetLab } from '../../support/netns/lab';
import { expect, test } from './support/lab-fixture';

// The lab itself: each impairment does what it says on one client's link, and nothing else's. Plain sockets in
// the namespaces (no browser): a UDP datagram and a TCP connection from client a to a listener on the server.

/** Starts a short Node script inside namespace `ns`; `output` resolves with what it printed once it exits. */
function nodeIn(ns: string, script: string, args: string[] = []) {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '--input-type=module', '-e', script, ...args]);
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const output = new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve(out.trim()));
  });
  return { child, output, printed: () => out };
}

// Listens on UDP and TCP port 7000, prints 'ready', and once its stdin closes prints what reached it.
const LISTEN = `
import dgram from 'node:dgram'; import net from 'node:net'; import { once } from 'node:events';
const got = new Set();
const udp = dgram.createSocket('udp4').on('message', () => got.add('udp')).bind(7000, process.argv[1]);
const tcp = net.createServer((c) => { got.add('tcp'); c.destroy(); }).listen(7000, process.argv[1]);
await Promise.all([once(udp, 'listening'), once(tcp, 'listening')]);
console.log('ready');
process.stdin.resume().on('end', () => { console.log([...got].sort().join(',') || 'nothing'); process.exit(0); });`;

// Sends UDP datagrams for a second and opens a TCP connection to port 7000 of the given address.
const SEND = `
import dgram from 'node:dgram'; import net from 'node:net';
const u = dgram.createSocket('udp4');
for (let i = 0; i < 10; i++) setTimeout(() => u.send('x', 7000, process.argv[1]), i * 100);
net.connect(7000, process.argv[1]).on('error', () => {});
setTimeout(() => process.exit(0), 1500);`;

/** What of a UDP burst and a TCP connection from client `from` reaches the server: 'tcp,udp', 'tcp' or 'nothing'. */
async function whatArrives(lab: NetLab, from: 'a' | 'b'): Promise<string> {
  const server = lab.node('server');
  const listener = nodeIn(server.ns, LISTEN, [server.address]);
  await expect.poll(listener.printed, { timeout: 30_000 }).toContain('ready');
  await nodeIn(lab.node(from).ns, SEND, [server.address]).output;
  listener.child.stdin.end();
  return (await listener.output).replace('ready', '').trim();
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
