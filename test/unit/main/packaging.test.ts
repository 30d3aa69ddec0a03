// @vitest-environment node
// A packaging check, not an installer: electron-builder packages Moim for Linux with the project's own
// electron-builder.yml and afterPack hook, as the `dir` target (linux-unpacked, the directory the AppImage and the
// .deb are both made from). Electron itself is a stub (a shell script named `electron`: the real binary comes from
// GitHub, unreachable here), so the app is not launched; its worker is, by the code path the packaged app takes.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { archFromString } from 'builder-util';
import { build, Platform, type Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCxxRuntime, isGlibc, ldd, workerLibraries } from '../../../scripts/worker-libraries.mjs';
import { launcherWithOnly, libraryNamespaceUnavailable } from '../../support/library-namespace';
import {
  unpackedWorkerPath,
  useUnpackedWorker,
  WORKER_DIR,
  workerLauncherPath,
} from '../../../main/hosting/worker-path';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const installedWorker = path.join(repo, ...WORKER_DIR, 'mediasoup-worker');
const probe = path.join(repo, 'test/support/worker-probe.mjs');
const canPackage = process.platform === 'linux' && existsSync(installedWorker);
const why = canPackage ? '' : ` (skipped: needs Linux and the worker at ${installedWorker}; run scripts/setup.sh)`;
const tmp = mkdtempSync(path.join(tmpdir(), 'moim-packaging-'));
const resources = path.join(tmp, 'release', 'linux-unpacked', 'resources');
const lib = path.join(resources, 'mediasoup-runtime', 'lib');
const libCxx = path.join(resources, 'mediasoup-runtime', 'lib-cxx');

interface ProbeResult {
  bin: string;
  pid: number;
  exe: string;
  libraries: string[];
}

/** Starts a worker with MEDIASOUP_WORKER_BIN = `bin` in a fresh Node (as the app's first import of mediasoup). */
async function startWorker(bin: string): Promise<ProbeResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, MEDIASOUP_WORKER_BIN: bin, DEBUG: '' };
  delete env.LD_LIBRARY_PATH;
  const { stdout } = await promisify(execFile)(process.execPath, [probe], { cwd: repo, env, timeout: 60_000 });
  return JSON.parse(stdout.trim()) as ProbeResult;
}

beforeAll(async () => {
  if (!canPackage) return;
  const dist = path.join(tmp, 'electron-stub');
  mkdirSync(dist);
  writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho "stub Electron of a packaging check" >&2\nexit 1\n', {
    mode: 0o755,
  });
  // Overrides merged into electron-builder.yml: the stub dist; no fuses (they patch the real binary); a temp output.
  const overrides = { electronDist: dist, electronFuses: null, directories: { output: path.join(tmp, 'release') } };
  await build({
    projectDir: repo,
    targets: Platform.LINUX.createTarget('dir', archFromString(process.arch)),
    config: overrides as unknown as Configuration,
    publish: 'never',
  });
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!canPackage)(`the mediasoup worker in a packaged Linux app${why}`, { timeout: 60_000 }, () => {
  it('is unpacked executable, with the afterPack launcher where the packaged app’s code path finds it', () => {
    const worker = unpackedWorkerPath(resources, 'linux');
    const launcher = workerLauncherPath(resources);
    expect(statSync(worker).mode & 0o111).not.toBe(0);
    expect(statSync(launcher).mode & 0o111).not.toBe(0);
    expect(readFileSync(launcher, 'utf8')).not.toMatch(/@[A-Z]+@/);
    const env: NodeJS.ProcessEnv = {};
    const deps = { isPackaged: true, resourcesPath: resources, platform: 'linux' as const, env, exists: existsSync };
    expect(useUnpackedWorker(deps)).toBe(launcher);
    expect(env.MEDIASOUP_WORKER_BIN).toBe(launcher);
  });

  it('carries every library the worker loads outside glibc, and ldd with that library path finds them there', () => {
    const needed = workerLibraries(installedWorker).libraries.filter((library) => !isGlibc(library.name));
    const names = needed.map((library) => library.name);
    expect(names).toEqual(expect.arrayContaining(['libuv.so.1', 'libsrtp2.so.1', 'libsoftokn3.so', 'libstdc++.so.6']));
    expect(readdirSync(lib).sort()).toEqual(names.filter((name) => !isCxxRuntime(name)).sort());
    expect(readdirSync(libCxx).sort()).toEqual(names.filter(isCxxRuntime).sort());
    // ldd throws on "not found"; with the copies first on the path, every non-glibc library must resolve to them.
    const env = { ...process.env, LD_LIBRARY_PATH: `${lib}:${libCxx}` };
    for (const file of [unpackedWorkerPath(resources, 'linux'), path.join(lib, 'libsoftokn3.so')]) {
      for (const library of ldd(file, env).libraries.filter((l) => !isGlibc(l.name))) {
        expect(path.dirname(library.path), `${file}: ${library.name}`).toBe(isCxxRuntime(library.name) ? libCxx : lib);
      }
    }
  });

  const hasObjdump = spawnSync('objdump', ['--version']).status === 0;
  it.skipIf(!hasObjdump)('needs glibc 2.34 (README), 2.36 only for the carried C++ runtime', () => {
    /** The newest glibc symbol version 2.x a file imports: its x. */
    const newestGlibc = (file: string): number =>
      Math.max(
        0,
        ...[...execFileSync('objdump', ['-T', file], { encoding: 'utf8' }).matchAll(/\*UND\*.*\bGLIBC_2\.(\d+)/g)].map(
          (match) => Number(match[1]),
        ),
      );
    const files = [unpackedWorkerPath(resources, 'linux'), ...readdirSync(lib).map((name) => path.join(lib, name))];
    expect(Math.max(...files.map(newestGlibc))).toBeLessThanOrEqual(34);
    expect(Math.max(...readdirSync(libCxx).map((name) => newestGlibc(path.join(libCxx, name))))).toBeLessThanOrEqual(
      36,
    );
  });

  it('here, where Debian’s libraries are installed, the launcher runs the worker on the system’s copies', async () => {
    const launcher = workerLauncherPath(resources);
    const seen = await startWorker(launcher);
    expect(seen.bin).toBe(launcher);
    expect(seen.exe).toBe(realpathSync(unpackedWorkerPath(resources, 'linux')));
    expect(seen.libraries.map((file) => path.basename(file))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^libuv\.so/), 'libsoftokn3.so']),
    );
    expect(seen.libraries.filter((file) => file.startsWith(resources))).toEqual([]);
  });

  // Systems with fewer libraries, made with a mount namespace over the directories Debian's libraries live in.
  const unavailable = libraryNamespaceUnavailable();
  const skipped = unavailable ? ` (skipped: ${unavailable})` : '';
  /** A mediasoup worker binary starting `target` where the system has only glibc's libraries and `more`. */
  function onlyGlibcAnd(name: string, target: string, more: (name: string) => boolean): string {
    const { libraries, loader } = ldd(installedWorker);
    const hide = new Set(libraries.filter((l) => !isGlibc(l.name)).map((l) => path.dirname(realpathSync(l.path))));
    const keep = libraries.filter((l) => isGlibc(l.name) || more(l.name));
    return launcherWithOnly({ file: path.join(tmp, name), target, keep, loader: loader!, hide: [...hide] });
  }
  /** The directory each non-glibc library the started worker mapped came from, by name. */
  async function loadedFrom(bin: string): Promise<Record<string, string>> {
    const seen = await startWorker(bin);
    expect(seen.exe).toBe(realpathSync(unpackedWorkerPath(resources, 'linux')));
    const outside = seen.libraries.filter((file) => !isGlibc(path.basename(file)));
    return Object.fromEntries(outside.map((file) => [path.basename(file), path.dirname(file)]));
  }

  it.skipIf(unavailable)(
    `with glibc alone, the worker runs SRTP on the copies the package carries${skipped}`,
    async () => {
      const none = (): boolean => false;
      // The control: there the bare worker cannot start, so the system really lacks its libraries.
      await expect(startWorker(onlyGlibcAnd('bare', unpackedWorkerPath(resources, 'linux'), none))).rejects.toThrow();
      const from = await loadedFrom(onlyGlibcAnd('glibc-only', workerLauncherPath(resources), none));
      for (const name of ['libuv.so.1', 'libssl.so.3', 'libsrtp2.so.1', 'libsoftokn3.so', 'libfreeblpriv3.so']) {
        expect(from[name], name).toBe(lib);
      }
      expect(from['libstdc++.so.6']).toBe(libCxx);
      expect(Object.values(from).filter((dir) => dir !== lib && dir !== libCxx)).toEqual([]);
    },
  );

  it.skipIf(unavailable)(
    `with glibc and a C++ runtime (as Ubuntu 22.04), the worker uses the system’s C++ runtime and the rest carried${skipped}`,
    async () => {
      const from = await loadedFrom(onlyGlibcAnd('glibc-cxx', workerLauncherPath(resources), isCxxRuntime));
      expect(from['libstdc++.so.6']).not.toBe(libCxx);
      expect(from['libgcc_s.so.1']).not.toBe(libCxx);
      for (const name of ['libuv.so.1', 'libssl.so.3', 'libsrtp2.so.1', 'libsoftokn3.so'])
        expect(from[name], name).toBe(lib);
    },
  );
});
