/**
 * Thrown where the browser withholds devices because the page is not a secure context (plain http from
 * another computer): says why, instead of the TypeError that `navigator.mediaDevices` being undefined causes.
 */
export class InsecureContextError extends Error {
  constructor() {
    super('camera, microphone and screen capture need a secure (https) page');
    this.name = 'InsecureContextError';
  }
}

/** What the check reads from the page; tests pass their own. */
export interface PageContext {
  isSecureContext?: boolean;
  navigator: { mediaDevices?: MediaDevices };
}

/** The page's media devices, or an InsecureContextError where the page may not open any. */
export function secureMediaDevices(page: PageContext = globalThis): MediaDevices {
  const devices = page.navigator.mediaDevices;
  if (page.isSecureContext === false || devices === undefined) throw new InsecureContextError();
  return devices;
}
