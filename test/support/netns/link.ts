import { run } from './run';

/** One direction of a link, as the node sees it: 'down' reaches the node, 'up' leaves it. */
export type Direction = 'down' | 'up';

interface EndPolicy {
  /** Bandwidth cap in kbit/s; undefined = unlimited. */
  rateKbit?: number;
  blockUdp: boolean;
  /** Drop everything without taking the link down (the far side of a Wi-Fi access point died). */
  blackhole: boolean;
  /** Drop UDP packets of 256 bytes or more: media, but not ICE consent checks (small STUN). */
  dropLargeUdp: boolean;
  /** Addresses whose packets are dropped (to them going up, from them coming down): a firewall between peers. */
  blockedPeers: string[];
}

/** Ranges of the IPv4 total-length field (value, mask) that cover 256–2047 bytes: every media-sized packet. */
const LARGE_PACKET_LENGTHS = [
  ['0x0100', '0xff00'],
  ['0x0200', '0xfe00'],
  ['0x0400', '0xfc00'],
] as const;

/** One end of a veth pair: the namespace it lives in and its device name there. */
export interface LinkEnd {
  ns: string;
  dev: string;
}

/**
 * A node's own link to the hub (a veth pair), impaired independently of every other node's link.
 *
 * Each direction is shaped on the egress of the end it leaves from: 'up' on the node's end, 'down' on the hub's
 * end. One htb tree per end does all of it, because this kernel has no netem, no prio and no tc actions (`action
 * drop` fails to load), but it has htb, pfifo and the u32 classifier: traffic goes to class 1:10 (the cap, or
 * 10 Gbit/s), and u32 filters send what must vanish (UDP, large UDP, a peer's packets, or everything) to class 1:99 whose
 * pfifo holds 0 packets, so the kernel drops each one as it arrives.
 */
export class Link {
  private readonly policy: Record<Direction, EndPolicy> = {
    down: { blockUdp: false, blackhole: false, dropLargeUdp: false, blockedPeers: [] },
    up: { blockUdp: false, blackhole: false, dropLargeUdp: false, blockedPeers: [] },
  };

  constructor(
    private readonly nodeEnd: LinkEnd,
    private readonly hubEnd: LinkEnd,
  ) {}

  /** Caps the bandwidth of one or both directions (kbit/s); `undefined` lifts the cap. */
  async cap(rateKbit: number | undefined, direction: Direction | 'both' = 'both'): Promise<void> {
    for (const d of directions(direction)) this.policy[d].rateKbit = rateKbit;
    await this.apply(direction);
  }

  /** Drops every UDP packet in both directions (TCP still passes), or lets UDP through again. */
  async blockUdp(on: boolean): Promise<void> {
    for (const d of directions('both')) this.policy[d].blockUdp = on;
    await this.apply('both');
  }

  /** Silently drops every packet both ways while the link stays up (no carrier change the node could notice). */
  async blackhole(on: boolean): Promise<void> {
    for (const d of directions('both')) this.policy[d].blackhole = on;
    await this.apply('both');
  }

  /**
   * Starves the media path towards the node while its connections stay up: every UDP packet of 256 bytes or more
   * reaching it is dropped (RTP video), small ones (STUN consent checks, most audio) and TCP (signaling) pass —
   * like a path-MTU black hole. ICE stays 'connected', so only something watching the picture notices.
   */
  async dropLargeUdp(on: boolean): Promise<void> {
    this.policy.down.dropLargeUdp = on;
    await this.apply('down');
  }

  /**
   * Drops every packet between the node and `address` (a firewall that lets the node reach servers but no other
   * client directly), or lets them through again.
   */
  async blockPeer(address: string, on: boolean): Promise<void> {
    for (const d of directions('both')) {
      const others = this.policy[d].blockedPeers.filter((peer) => peer !== address);
      this.policy[d].blockedPeers = on ? [...others, address] : others;
    }
    await this.apply('both');
  }

  /** Takes the link down (the hub's end, so the node sees its carrier go) or brings it back up. */
  async setUp(up: boolean): Promise<void> {
    await run('ip', ['-n', this.hubEnd.ns, 'link', 'set', this.hubEnd.dev, up ? 'up' : 'down']);
  }

  private async apply(direction: Direction | 'both'): Promise<void> {
    for (const d of directions(direction)) await shape(d === 'up' ? this.nodeEnd : this.hubEnd, d, this.policy[d]);
  }
}

function directions(direction: Direction | 'both'): Direction[] {
  return direction === 'both' ? ['down', 'up'] : [direction];
}

/** The u32 matches of what `policy` drops in `direction`, one filter each. */
function dropMatches(direction: Direction, policy: EndPolicy): string[][] {
  const udp = ['protocol', 'ip', 'prio', '1', 'u32', 'match', 'ip', 'protocol', '17', '0xff'];
  if (policy.blackhole) return [['protocol', 'all', 'prio', '1', 'u32', 'match', 'u32', '0', '0']];
  const side = direction === 'up' ? 'dst' : 'src';
  const matches = policy.blockedPeers.map((peer) => [
    'protocol',
    'ip',
    'prio',
    '1',
    'u32',
    'match',
    'ip',
    side,
    `${peer}/32`,
  ]);
  if (policy.blockUdp) matches.push(udp);
  else if (policy.dropLargeUdp) {
    for (const [value, mask] of LARGE_PACKET_LENGTHS) matches.push([...udp, 'match', 'u16', value, mask, 'at', '2']);
  }
  return matches;
}

async function shape(end: LinkEnd, direction: Direction, policy: EndPolicy): Promise<void> {
  const tc = (...args: string[]) => run('ip', ['netns', 'exec', end.ns, 'tc', ...args]);
  await tc('qdisc', 'del', 'dev', end.dev, 'root').catch(() => undefined); // Nothing installed yet is fine.
  const drops = dropMatches(direction, policy);
  if (policy.rateKbit === undefined && drops.length === 0) return;

  const rate = policy.rateKbit === undefined ? '10gbit' : `${policy.rateKbit}kbit`;
  await tc('qdisc', 'add', 'dev', end.dev, 'root', 'handle', '1:', 'htb', 'default', '10');
  await tc('class', 'add', 'dev', end.dev, 'parent', '1:', 'classid', '1:10', 'htb', 'rate', rate, 'ceil', rate);
  if (policy.rateKbit !== undefined) {
    // A short queue, like a real thin uplink (~300 ms of packets): the default 1000 packets would add seconds of
    // delay at a few hundred kbit/s and hide the loss that congestion control must react to.
    const packets = Math.max(8, Math.round((policy.rateKbit * 1000 * 0.3) / 8 / 1200));
    await tc('qdisc', 'add', 'dev', end.dev, 'parent', '1:10', 'pfifo', 'limit', String(packets));
  }
  if (drops.length === 0) return;
  await tc('class', 'add', 'dev', end.dev, 'parent', '1:', 'classid', '1:99', 'htb', 'rate', '8kbit');
  await tc('qdisc', 'add', 'dev', end.dev, 'parent', '1:99', 'pfifo', 'limit', '0');
  for (const match of drops) await tc('filter', 'add', 'dev', end.dev, 'parent', '1:', ...match, 'flowid', '1:99');
}
