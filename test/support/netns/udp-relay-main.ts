import { startUdpRelay, type UdpRelayOptions } from './udp-relay';

// The relay as its own process (it must run inside a lab namespace, which a Node process cannot enter): options
// as JSON in argv[2]; prints `relay ready <ports>`; each JSON line on stdin changes the impairment.
const options = JSON.parse(process.argv[2] ?? '{}') as UdpRelayOptions;
const relay = await startUdpRelay(options);
console.log(`relay ready ${relay.ports.join(',')}`);
let buffered = '';
process.stdin.on('data', (chunk: Buffer) => {
  buffered += chunk.toString();
  const lines = buffered.split('\n');
  buffered = lines.pop() ?? '';
  for (const line of lines) if (line.trim()) relay.impair(JSON.parse(line));
});
process.stdin.on('end', () => void relay.close().then(() => process.exit(0)));
