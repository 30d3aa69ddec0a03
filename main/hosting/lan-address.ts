import type { NetworkInterfaceInfo } from 'node:os';
import type { LanAddress } from '../../common/ipc/contract';

/**
 * Interfaces others on the LAN can't reach us through: containers, bridges, virtual pairs, VMs (Linux, macOS and
 * Windows names) and VPN tunnels.
 */
const VIRTUAL = new RegExp(
  [
    '^(docker\\d*|br-|veth|virbr|vboxnet|vmnet|lxc|lxd|cni|flannel|podman|cali|vxlan|kube)',
    '^(tun|tap|wg|utun|ppp|ipsec|zt|tailscale|nordlynx|proton|mullvad|gpd|cscotun)',
    '^(vethernet|virtualbox|vmware|hyper-v|bluetooth|npcap)',
  ].join('|'),
  'i',
);

const isPrivate = (a: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);
// 100.64.0.0/10 is carrier-grade NAT, and what Tailscale hands out under an interface name we can't always see.
const isSharedSpace = (a: string) => /^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./.test(a);
const rank = (a: string) => (isPrivate(a) ? 0 : isSharedSpace(a) ? 2 : 1);

/**
 * The IPv4 addresses people on this LAN could join through, best first: virtual interfaces (docker0, br-*, veth*,
 * tun*, wg*, vEthernet…), loopback and link-local addresses are left out; private ranges come first, carrier-grade
 * NAT last.
 */
export function lanCandidates(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): LanAddress[] {
  const found: LanAddress[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    if (VIRTUAL.test(name)) continue;
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || info.address.startsWith('169.254.')) continue;
      found.push({ name, address: info.address });
    }
  }
  return found.sort((a, b) => rank(a.address) - rank(b.address));
}
