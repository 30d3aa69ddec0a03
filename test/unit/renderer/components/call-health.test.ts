// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../renderer/components/call-health';
import type { StatsSnapshot, TrackSample } from '../../../../renderer/engine/stats-sampler';
import { StatsSampler } from '../../../../renderer/engine/stats-sampler';
import { mount, unmountAll } from '../support/component-host';

const cam = {
  key: 'in:ana:cam:video:',
  direction: 'in',
  peerId: 'ana',
  kind: 'cam',
  trackKind: 'video',
  rid: null,
  frameWidth: 640,
  frameHeight: 480,
  framesPerSecond: 20,
  bitrateKbps: 900,
  lossPct: 0,
  jitterMs: 3,
  rttMs: 2,
  codec: 'VP8',
  qualityLimitationReason: null,
  layer: { spatial: 2, temporal: 2 },
  pair: {
    localType: 'host',
    remoteType: 'host',
    protocol: 'udp',
    rttMs: 2,
    availableOutgoingKbps: null,
    availableIncomingKbps: null,
  },
} as unknown as TrackSample;

function sampler(): StatsSampler {
  const s = new StatsSampler({ sources: async () => [], localKindOf: () => undefined });
  const snapshot: StatsSnapshot = { at: 1000, tracks: [cam] };
  Object.defineProperty(s, 'latest', { get: () => snapshot });
  return s;
}

function altShiftS(): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyS', key: 'S', altKey: true, shiftKey: true }));
}

// happy-dom has no canvas: uPlot gets a 2D context that accepts every call and draws nothing.
HTMLCanvasElement.prototype.getContext = (() =>
  new Proxy({}, { get: (target, key) => (key in target ? target[key as never] : () => ({ width: 0 })) })) as never;

describe('<call-health>', () => {
  afterEach(unmountAll);

  it('opens the stats panel on Alt+Shift+S with the received figures, and closes it on Esc', async () => {
    const health = await mount('call-health', { setUp: (e) => (e.sampler = sampler()) });
    const names = new Map([['ana', 'Ana']]);
    health.nameOf = (id) => names.get(id) ?? id;
    altShiftS();
    await health.updateComplete;
    const panel = health.shadowRoot!.querySelector('stats-panel')!;
    await panel.updateComplete;
    const section = panel.shadowRoot!.querySelector('section[data-direction="in"]')!;
    expect(section.getAttribute('aria-label')).toBe('Ana — camera video received');
    const value = (field: string) => section.querySelector(`dd[data-field="${field}"]`)?.getAttribute('data-value');
    expect([value('resolution'), value('fps'), value('codec'), value('path'), value('layer')]).toEqual([
      '640x480',
      '20',
      'VP8',
      'host/udp',
      '2',
    ]);
    panel
      .shadowRoot!.querySelector('h2')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await health.updateComplete;
    expect(health.shadowRoot!.querySelector('stats-panel')).toBeNull();
  });
});
