// @vitest-environment node
import { Device } from 'mediasoup-client';
import * as fake from 'mediasoup-client/fakeParameters';
import { describe, expect, it } from 'vitest';
import { remembering } from '../../../../renderer/engine/sfu-device';
import { fakeHandlerFactory } from '../support/sfu-fakes';

/** The library's FakeHandler factory, recording each native-capabilities ask; `failFirst` makes the first one fail. */
function countingFactory(failFirst = false) {
  const asked: string[] = [];
  const base = fakeHandlerFactory();
  const factory = {
    ...base,
    getNativeRtpCapabilities: (options: { direction: 'sendonly' | 'recvonly' }) => {
      asked.push(options.direction);
      if (failFirst && asked.length === 1) return Promise.reject(new Error('no WebRTC yet'));
      return base.getNativeRtpCapabilities(options);
    },
  };
  return { factory, asked };
}

const routerRtpCapabilities = fake.generateRouterRtpCapabilities();

describe('remembering', () => {
  it('asks the browser once per direction, however many devices of the page load', async () => {
    const { factory, asked } = countingFactory();
    const shared = remembering(factory);
    const devices = [0, 1, 2].map(() => new Device({ handlerFactory: shared }));
    for (const device of devices) await device.load({ routerRtpCapabilities });
    expect(devices.every((device) => device.loaded && device.canProduce('video'))).toBe(true);
    expect(asked.sort()).toEqual(['recvonly', 'sendonly']);
    // Each device gets its own copy: one device's normalisation cannot change another's.
    expect(devices[0]!.recvRtpCapabilities).toEqual(devices[2]!.recvRtpCapabilities);
    expect(devices[0]!.recvRtpCapabilities).not.toBe(devices[2]!.recvRtpCapabilities);
  });

  it('asks again after an ask failed, instead of remembering the failure', async () => {
    const { factory, asked } = countingFactory(true);
    const shared = remembering(factory);
    await expect(new Device({ handlerFactory: shared }).load({ routerRtpCapabilities })).rejects.toThrow(
      'no WebRTC yet',
    );
    const device = new Device({ handlerFactory: shared });
    await device.load({ routerRtpCapabilities });
    expect(device.loaded).toBe(true);
    expect(asked).toEqual(['recvonly', 'recvonly', 'sendonly']);
  });
});
