import { Device, detectDeviceAsync } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';
import { Chrome74 } from 'mediasoup-client/handlers/Chrome74';
import { Firefox120 } from 'mediasoup-client/handlers/Firefox120';
import { Safari12 } from 'mediasoup-client/handlers/Safari12';
import type { HandlerFactory } from 'mediasoup-client/handlers/HandlerInterface';
import type { RtpCapabilities } from 'mediasoup-client/types';
import { createLogger } from './log';

const log = createLogger('sfu');

type Direction = 'sendonly' | 'recvonly';

/** The browsers' handlers of mediasoup-client this page can run, by the name its detection gives. */
const HANDLERS: Record<string, { createFactory(options: object): HandlerFactory }> = {
  Chrome111,
  Chrome74,
  Firefox120,
  Safari12,
};

let shared: Promise<HandlerFactory | null> | null = null;

/**
 * The page's handler factory, whose native RTP capabilities are asked of the browser once per direction and then
 * shared. Why: `Device.load()` asks for them on every load, and the browser answers by making two peer connections
 * with transceivers and parsing their offers, ~40 ms of the joiner's main thread measured on the critical path of
 * an SFU join (between the join answer and the receive transport); the answer never changes within a page.
 * Null where the detected handler is not one of ours (the Device then detects it itself).
 */
function sharedHandlerFactory(): Promise<HandlerFactory | null> {
  shared ??= detectDeviceAsync().then((name) => {
    const handler = name === undefined ? undefined : HANDLERS[name];
    return handler ? remembering(handler.createFactory({})) : null;
  });
  return shared;
}

/** `base` with its native RTP capabilities remembered per direction (a failed ask is asked again next time). */
export function remembering(base: HandlerFactory): HandlerFactory {
  const known = new Map<Direction, Promise<RtpCapabilities>>();
  return {
    name: base.name,
    factory: base.factory,
    getNativeRtpCapabilities: ({ direction }) => {
      let capabilities = known.get(direction);
      if (!capabilities) {
        capabilities = base.getNativeRtpCapabilities({ direction });
        capabilities.catch(() => known.delete(direction));
        known.set(direction, capabilities);
      }
      return capabilities;
    },
  };
}

/** Starts the asks for both directions on `factory` (remembered: asking again costs a map lookup). */
function askAhead(factory: HandlerFactory): void {
  for (const direction of ['recvonly', 'sendonly'] as const) {
    factory.getNativeRtpCapabilities({ direction }).catch((error: unknown) => {
      log.debug('native RTP capabilities (%s) | %o', direction, error);
    });
  }
}

/**
 * A mediasoup-client Device on the page's shared handler factory, whose native capabilities are already being
 * asked for, so `load()` finds them ready or in flight (they overlap the router capabilities' round trip).
 */
export async function createSfuDevice(): Promise<Device> {
  const factory = await sharedHandlerFactory();
  if (!factory) return Device.factory();
  askAhead(factory);
  return new Device({ handlerFactory: factory });
}

/** Asks for the browser's native RTP capabilities ahead of the first SFU join (the warm-up, see warm-up.ts). */
export function warmSfuDevice(): void {
  sharedHandlerFactory()
    .then((factory) => factory && askAhead(factory))
    .catch((error: unknown) => log.debug('warmSfuDevice() | %o', error));
}
