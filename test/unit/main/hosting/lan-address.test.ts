// @vitest-environment node
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { chooseLanAddress, lanCandidates } from '../../../../main/hosting/lan-address';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask: '255.255.255.0',
  family: 'IPv4',
  mac: '00:00:00:00:00:00',
  internal,
  cidr: `${address}/24`,
});

// Listed in the order os.networkInterfaces() gives them on a developer laptop: docker0 comes first.
const LAPTOP = {
  lo: [v4('127.0.0.1', true)],
  docker0: [v4('172.17.0.1')],
  'br-3f2a9c': [v4('172.18.0.1')],
  veth12ab: [v4('169.254.3.4')],
  wg0: [v4('10.8.0.2')],
  tun0: [v4('10.9.0.5')],
  wlp2s0: [v4('192.168.1.20'), { ...v4('fe80::1'), family: 'IPv6', scopeid: 2 } as NetworkInterfaceInfo],
  enp3s0: [v4('203.0.113.7')],
};

describe('the LAN address for "Host a room"', () => {
  it('skips docker, bridges, veth, VPN tunnels and loopback; private LAN addresses first', () => {
    expect(lanCandidates(LAPTOP)).toEqual([
      { name: 'wlp2s0', address: '192.168.1.20' },
      { name: 'enp3s0', address: '203.0.113.7' },
    ]);
  });

  it('the user’s pick wins while it exists; otherwise the best candidate; none offline', () => {
    const candidates = lanCandidates(LAPTOP);
    expect(chooseLanAddress(candidates, '203.0.113.7')).toBe('203.0.113.7');
    expect(chooseLanAddress(candidates, '10.0.0.99')).toBe('192.168.1.20');
    expect(chooseLanAddress(candidates, null)).toBe('192.168.1.20');
    expect(
      chooseLanAddress(lanCandidates({ lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')] }), null),
    ).toBeNull();
  });
});
