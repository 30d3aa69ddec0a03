// @vitest-environment node
// A sandboxed preload has no module loader: it may `require('electron')` and nothing else. Build the preload
// exactly as scripts/build.mjs does and run it in a bare VM context that offers only that.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { channelNames, contract, listenerName, type PushChannel } from '../../../common/ipc/contract';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Builds a preload exactly as scripts/build.mjs does and runs it in a bare VM context that offers only electron. */
async function runPreload(entry: string) {
  const result = await build({
    entryPoints: [path.join(repo, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  const required: string[] = [];
  const exposed: Record<string, Record<string, unknown>> = {};
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (exposed[key] = api) },
    ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
  };
  const module = { exports: {} };
  vm.runInNewContext(code, {
    module,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
      return electron;
    },
  });
  return { required, exposed };
}

describe('preload bundle', { timeout: 30_000 }, () => {
  it('is one CommonJS file that requires only electron and exposes moimDesktop with the contract', async () => {
    const { required, exposed } = await runPreload('preload/index.ts');
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['moimDesktop']);
    const expected = channelNames.map((n) => (contract[n].kind === 'invoke' ? n : listenerName(n as PushChannel)));
    expect(Object.keys(exposed.moimDesktop!).sort()).toEqual(expected.sort());
  });

  it("the share control window's preload exposes only moimShareControl: press a button, hear the share state", async () => {
    const { required, exposed } = await runPreload('preload/share-control.ts');
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['moimShareControl']);
    expect(Object.keys(exposed.moimShareControl!).sort()).toEqual(['onShareControlState', 'shareControl']);
  });
});
