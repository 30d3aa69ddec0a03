import type { NetworkInterfaceInfo } from 'node:os';

/** Interfaces others on the LAN can't reach us through: containers, bridges, virtual pairs, VPN tunnels. */
const VIRTUAL = /^(docker\d*|br-|veth|virbr|vboxnet|vmnet|tun|tap|wg|utun|zt|tailscale|lxc|lxd|cni|flannel|podman)/i;

/** One candidate address for room links, with the interface it belongs to. */
export interface LanCandidate {
  name: string;
  address: string;
}

/**
 * The IPv4 addresses people on this LAN could join through, best first: virtual interfaces (docker0,
 * br-*, veth*, tun*, wg*…), loopback and link-local addresses are left out; private ranges come first.
 */
export function lanCandidates(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>): LanCandidate[] {
  const found: LanCandidate[] = [];
  for (const [name, infos] of Object.entries(interfaces)) {
    if (VIRTUAL.test(name)) continue;
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || info.address.startsWith('169.254.')) continue;
      found.push({ name, address: info.address });
    }
  }
  const isPrivate = (a: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a);
  return found.sort((a, b) => Number(isPrivate(b.address)) - Number(isPrivate(a.address)));
}

/** The address for "Host a room": the user's pick while it still exists, else the best candidate. */
export function chooseLanAddress(candidates: LanCandidate[], preferred: string | null): string | null {
  if (preferred && candidates.some((c) => c.address === preferred)) return preferred;
  return candidates[0]?.address ?? null;
}
