// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { restartWithKeyFrame } from '../../../../renderer/engine/key-frame';

/** A sender keeping its parameters, recording what each setParameters call switched on. */
function sender(encodings: RTCRtpEncodingParameters[]) {
  let current = { encodings, transactionId: 't0' } as RTCRtpSendParameters;
  const applied: (boolean | undefined)[][] = [];
  return {
    applied,
    getParameters: () => structuredClone(current),
    setParameters: (parameters: RTCRtpSendParameters) => {
      applied.push(parameters.encodings.map((e) => e.active));
      current = structuredClone(parameters);
      return Promise.resolve();
    },
  };
}

describe('restartWithKeyFrame', () => {
  it('switches every encoding off, then back to what it was', async () => {
    const s = sender([{ rid: 'r0', active: true }, { rid: 'r1', active: false }, { rid: 'r2' }]);
    await restartWithKeyFrame(s as unknown as RTCRtpSender);
    expect(s.applied).toEqual([
      [false, false, false],
      [true, false, true],
    ]);
  });

  it('leaves a sender with nothing active, or no encodings, alone', async () => {
    const off = sender([{ active: false }]);
    const none = sender([]);
    await restartWithKeyFrame(off as unknown as RTCRtpSender);
    await restartWithKeyFrame(none as unknown as RTCRtpSender);
    expect(off.applied).toEqual([]);
    expect(none.applied).toEqual([]);
  });
});
