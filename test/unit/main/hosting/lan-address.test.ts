// @vitest-environment node
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { lanCandidates } from '../../../../main/hosting/lan-address';

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

// What Windows names its adapters: WSL's and Hyper-V's switches, VirtualBox, VMware, a VPN client.
const WINDOWS = {
  'vEthernet (WSL)': [v4('172.24.160.1')],
  'vEthernet (Default Switch)': [v4('172.30.0.1')],
  'VirtualBox Host-Only Network': [v4('192.168.56.1')],
  'VMware Network Adapter VMnet8': [v4('192.168.80.1')],
  'Ethernet 2': [v4('169.254.10.10')],
  'Wi-Fi': [v4('10.0.0.42')],
  'Loopback Pseudo-Interface 1': [v4('127.0.0.1', true)],
};

// macOS with Tailscale (a utun with a 100.64/10 address) and a USB Ethernet adapter on a public address.
const MAC = {
  lo0: [v4('127.0.0.1', true)],
  en7: [v4('100.101.5.6')],
  utun4: [v4('100.90.1.2')],
  en0: [v4('192.168.0.11')],
  en5: [v4('198.51.100.9')],
};

describe('the LAN address for "Host a room"', () => {
  it('skips docker, bridges, veth, VPN tunnels, link-local and loopback; private LAN addresses first', () => {
    expect(lanCandidates(LAPTOP)).toEqual([
      { name: 'wlp2s0', address: '192.168.1.20' },
      { name: 'enp3s0', address: '203.0.113.7' },
    ]);
  });

  it('skips the virtual switches Windows creates for WSL, Hyper-V, VirtualBox and VMware', () => {
    expect(lanCandidates(WINDOWS)).toEqual([{ name: 'Wi-Fi', address: '10.0.0.42' }]);
  });

  it('ranks carrier-grade NAT (100.64/10, Tailscale) after private and public addresses', () => {
    expect(lanCandidates(MAC).map((c) => c.address)).toEqual(['192.168.0.11', '198.51.100.9', '100.101.5.6']);
  });

  it('offers nothing offline or with only virtual interfaces', () => {
    expect(lanCandidates({ lo: [v4('127.0.0.1', true)], docker0: [v4('172.17.0.1')] })).toEqual([]);
    expect(lanCandidates({})).toEqual([]);
  });
});
