import { Link } from './link';
import { labPrefix, sweepStaleNamespaces, trackNamespace, untrack } from './cleanup';
import { run } from './run';

/** The private subnet of a lab; it exists only inside the lab's own namespaces (each lab has its own hub). */
export const LAB_SUBNET = '10.203.0';

/** One machine of a lab: a namespace with one interface (eth0) on the lab subnet. */
export interface LabNode {
  role: string;
  /** The network namespace to run programs in (`ip netns exec`). */
  ns: string;
  /** Its address on the lab subnet. */
  address: string;
  /** Its own link to the hub, impaired independently of the others. */
  link: Link;
}

/**
 * A few namespaces ("machines") joined by a bridge in a hub namespace, each through its own veth pair: the
 * simplest topology where each machine's link can be capped, cut or filtered without touching the others.
 * Nothing is created in the host's namespace (both veth ends are created directly inside lab namespaces), so
 * deleting the lab's namespaces removes every interface it made.
 */
export class NetLab {
  private readonly nodes = new Map<string, LabNode>();
  private closed = false;

  private constructor(
    readonly prefix: string,
    private readonly namespaces: string[],
  ) {}

  /** Creates the hub and one node per role (addresses .1, .2, … in role order). */
  static async create(roles: string[]): Promise<NetLab> {
    sweepStaleNamespaces();
    const prefix = labPrefix();
    const hub = `${prefix}-hub`;
    const lab = new NetLab(prefix, [hub]);
    try {
      await addNamespace(hub);
      await run('ip', ['-n', hub, 'link', 'add', 'br0', 'type', 'bridge']);
      await run('ip', ['-n', hub, 'link', 'set', 'br0', 'up']);
      for (const [i, role] of roles.entries()) lab.nodes.set(role, await lab.addNode(hub, role, i + 1));
      return lab;
    } catch (error) {
      await lab.close();
      throw error;
    }
  }

  /** The node of `role`; throws for a role the lab was not created with. */
  node(role: string): LabNode {
    const node = this.nodes.get(role);
    if (!node) throw new Error(`no node '${role}' in lab ${this.prefix}`);
    return node;
  }

  /** Deletes every namespace of the lab (their veths go with them); safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const ns of this.namespaces.reverse()) {
      await run('ip', ['netns', 'del', ns]).catch(() => undefined);
      untrack({ namespace: ns });
    }
  }

  private async addNode(hub: string, role: string, host: number): Promise<LabNode> {
    const ns = `${this.prefix}-${role}`;
    this.namespaces.push(ns);
    await addNamespace(ns);
    const hubDev = `v-${role}`.slice(0, 15);
    await run('ip', ['link', 'add', 'eth0', 'netns', ns, 'type', 'veth', 'peer', 'name', hubDev, 'netns', hub]);
    await run('ip', ['-n', hub, 'link', 'set', hubDev, 'master', 'br0', 'up']);
    const address = `${LAB_SUBNET}.${host}`;
    await run('ip', ['-n', ns, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
    await run('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
    await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    return { role, ns, address, link: new Link({ ns, dev: 'eth0' }, { ns: hub, dev: hubDev }) };
  }
}

async function addNamespace(name: string): Promise<void> {
  trackNamespace(name);
  await run('ip', ['netns', 'add', name]);
}

/**
 * Why network namespaces can't be made here (not root, no `ip`, no permission), or undefined when they can:
 * tests skip with this one line.
 */
export async function whyNoNamespaces(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'network tests need root to create network namespaces (CI runs as root)';
  const probe = `${labPrefix()}-probe`;
  try {
    await addNamespace(probe);
    return undefined;
  } catch (error) {
    return `cannot create network namespaces here: ${(error as Error).message}`;
  } finally {
    await run('ip', ['netns', 'del', probe]).catch(() => undefined);
    untrack({ namespace: probe });
  }
}
