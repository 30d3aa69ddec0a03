// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PAN_STEP_PX, panStep } from '../../../../renderer/lib/pan';

describe('panStep', () => {
  it('moves an actual-pixels view one step per arrow key and ignores other keys', () => {
    expect(panStep('ArrowRight')).toEqual({ left: PAN_STEP_PX, top: 0 });
    expect(panStep('ArrowLeft')).toEqual({ left: -PAN_STEP_PX, top: 0 });
    expect(panStep('ArrowDown')).toEqual({ left: 0, top: PAN_STEP_PX });
    expect(panStep('ArrowUp')).toEqual({ left: 0, top: -PAN_STEP_PX });
    expect(panStep('Enter')).toBeNull();
    expect(panStep('toString')).toBeNull();
  });
});
