import { run } from './run';

/** One direction of a link, as the node sees it: 'down' reaches the node, 'up' leaves it. */
export type Direction = 'down' | 'up';

interface EndPolicy {
  /** Bandwidth cap in kbit/s; undefined = unlimited. */
  rateKbit?: number;
  blockUdp: boolean;
  /** Drop everything without taking the link down (the far side of a Wi-Fi access point died). */
  blackhole: boolean;
}

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
 * 10 Gbit/s), and a u32 filter sends what must vanish (UDP, or everything for a blackhole) to class 1:99 whose
 * pfifo holds 0 packets, so the kernel drops each one as it arrives.
 */
export class Link {
  private readonly policy: Record<Direction, EndPolicy> = {
    down: { blockUdp: false, blackhole: false },
    up: { blockUdp: false, blackhole: false },
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

  /** Takes the link down (the hub's end, so the node sees its carrier go) or brings it back up. */
  async setUp(up: boolean): Promise<void> {
    await run('ip', ['-n', this.hubEnd.ns, 'link', 'set', this.hubEnd.dev, up ? 'up' : 'down']);
  }

  private async apply(direction: Direction | 'both'): Promise<void> {
    for (const d of directions(direction)) await shape(d === 'up' ? this.nodeEnd : this.hubEnd, this.policy[d]);
  }
}

function directions(direction: Direction | 'both'): Direction[] {
  return direction === 'both' ? ['down', 'up'] : [direction];
}

async function shape(end: LinkEnd, policy: EndPolicy): Promise<void> {
  const tc = (...args: string[]) => run('ip', ['netns', 'exec', end.ns, 'tc', ...args]);
  await tc('qdisc', 'del', 'dev', end.dev, 'root').catch(() => undefined); // Nothing installed yet is fine.
  if (policy.rateKbit === undefined && !policy.blockUdp && !policy.blackhole) return;

  const rate = policy.rateKbit === undefined ? '10gbit' : `${policy.rateKbit}kbit`;
  await tc('qdisc', 'add', 'dev', end.dev, 'root', 'handle', '1:', 'htb', 'default', '10');
  await tc('class', 'add', 'dev', end.dev, 'parent', '1:', 'classid', '1:10', 'htb', 'rate', rate, 'ceil', rate);
  if (policy.rateKbit !== undefined) {
    // A short queue, like a real thin uplink (~300 ms of packets): the default 1000 packets would add seconds of
    // delay at a few hundred kbit/s and hide the loss that congestion control must react to.
    const packets = Math.max(8, Math.round((policy.rateKbit * 1000 * 0.3) / 8 / 1200));
    await tc('qdisc', 'add', 'dev', end.dev, 'parent', '1:10', 'pfifo', 'limit', String(packets));
  }
  if (!policy.blockUdp && !policy.blackhole) return;
  await tc('class', 'add', 'dev', end.dev, 'parent', '1:', 'classid', '1:99', 'htb', 'rate', '8kbit');
  await tc('qdisc', 'add', 'dev', end.dev, 'parent', '1:99', 'pfifo', 'limit', '0');
  const match = policy.blackhole
    ? ['protocol', 'all', 'prio', '1', 'u32', 'match', 'u32', '0', '0']
    : ['protocol', 'ip', 'prio', '1', 'u32', 'match', 'ip', 'protocol', '17', '0xff'];
  await tc('filter', 'add', 'dev', end.dev, 'parent', '1:', ...match, 'flowid', '1:99');
}
