// @vitest-environment node
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  channelId,
  channelNames,
  contract,
  listenerName,
  type MoimDesktopApi,
  type PushChannel,
} from '../../../../common/ipc/contract';
import type { MoimBridge } from '../../../../renderer/bridge/bridge';
import type { LaunchIntent, PickerRequest, Settings } from '../../../../renderer/bridge/types';

describe('IPC contract', () => {
  it('names every channel once, under the moim: prefix', () => {
    const ids = channelNames.map(channelId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^moim:[a-zA-Z]+$/);
  });

  it('validates every invoke channel’s arguments as a fixed-length tuple', () => {
    for (const name of channelNames) {
      const entry = contract[name];
      if (entry.kind === 'invoke') expect(entry.request, name).toBeInstanceOf(z.ZodTuple);
    }
  });

  it('push listener names follow on<Name>', () => {
    expect(listenerName('joinLink' as PushChannel)).toBe('onJoinLink');
    expect(listenerName('pickerRequest' as PushChannel)).toBe('onPickerRequest');
  });

  it('derives the renderer’s typing: MoimBridge’s channels have the same argument and result types', () => {
    expectTypeOf<MoimDesktopApi['getSettings']>().returns.resolves.toEqualTypeOf<Settings>();
    expectTypeOf<MoimDesktopApi['getLaunchIntent']>().returns.resolves.toEqualTypeOf<LaunchIntent>();
    expectTypeOf<Parameters<MoimDesktopApi['setSecret']>>().toEqualTypeOf<Parameters<MoimBridge['setSecret']>>();
    expectTypeOf<Parameters<MoimDesktopApi['answerPicker']>>().toEqualTypeOf<Parameters<MoimBridge['answerPicker']>>();
    expectTypeOf<Parameters<Parameters<MoimDesktopApi['onPickerRequest']>[0]>[0]>().toEqualTypeOf<PickerRequest>();
    expectTypeOf<Window['moimDesktop']>().toEqualTypeOf<MoimDesktopApi | undefined>();
  });
});
