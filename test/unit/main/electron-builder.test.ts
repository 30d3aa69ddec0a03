// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
// electron-builder's own loader and schema validator (offline): the same code `electron-builder` runs first.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import { WORKER_DIR, workerFileName } from '../../../main/hosting/worker-path';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function load(): Promise<Configuration> {
  return getConfig(repo, path.join(repo, 'electron-builder.yml'), null);
}

function pngSize(file: string): { width: number; height: number; colorType: number } {
  const png = readFileSync(path.join(repo, file));
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25]! };
}

// Loading electron-builder's schema takes seconds on a busy 2-core machine.
describe('electron-builder config', { timeout: 30_000 }, () => {
  it('passes electron-builder’s own schema validation', async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validator is real: a misplaced option is rejected', async () => {
    const config = await load();
    const broken = { ...config, linux: { ...config.linux, title: 'not a linux option' } } as Configuration;
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/title/);
  });

  it('builds Moim with asar, the moim:// protocol and the app files only', async () => {
    const config = await load();
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.productName).toBe('Moim');
    expect(config.asar).toBe(true);
    // The loader normalizes `files` into file sets; what matters is the patterns.
    const patterns = [config.files]
      .flat()
      .flatMap((f) => (typeof f === 'string' ? [f] : [(f as { filter?: string[] })?.filter ?? []].flat()));
    expect(patterns).toEqual(['dist/**/*', '!dist/**/*.map', 'package.json']);
    expect(config.protocols).toEqual([{ name: 'Moim room link', schemes: ['moim'] }]);
  });

  it('targets AppImage + deb, NSIS and dmg', async () => {
    const config = await load();
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.linux).toMatchObject({ category: 'Network', maintainer: expect.stringMatching(/<.+@.+>/) });
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg', 'zip']);
  });

  it('ships a real square RGBA PNG icon of at least 512 px', () => {
    const { width, height, colorType } = pngSize('build/icon.png');
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
    expect(colorType).toBe(6);
  });

  it('macOS gets the hardened runtime with camera and microphone entitlements and usage strings', async () => {
    const config = await load();
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    const plist = readFileSync(path.join(repo, 'build/entitlements.mac.plist'), 'utf8');
    for (const key of [
      'com.apple.security.cs.allow-jit',
      'com.apple.security.device.camera',
      'com.apple.security.device.audio-input',
    ]) {
      expect(plist).toMatch(new RegExp(`<key>${key.replace(/\./g, '\\.')}</key>\\s*<true/>`));
    }
    expect(config.mac?.extendInfo).toMatchObject({
      NSCameraUsageDescription: expect.any(String),
      NSMicrophoneUsageDescription: expect.any(String),
      NSScreenCaptureUsageDescription: expect.any(String),
      NSAudioCaptureUsageDescription: expect.any(String),
    });
  });

  it('turns off the fuses an attacker could use to run the binary as plain Node', async () => {
    const config = await load();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('updates: a generic feed (latest*.yml written), signing secrets only from the environment', async () => {
    const config = await load();
    expect([config.publish].flat()).toEqual([expect.objectContaining({ provider: 'generic' })]);
    const yml = readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8');
    expect(yml).not.toMatch(/^\s*(cscLink|cscKeyPassword|appleId|password|certificatePassword)\s*:/m);
  });

  it('package.json points Electron at the built main process and `npm run dist` builds first', () => {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    // Electron on Linux finds its .desktop entry (taskbar grouping, icon) by this name.
    expect(pkg.desktopName).toBe(`${'moim'}.desktop`);
    expect(pkg.main).toBe('dist/main/index.js');
    expect(pkg.scripts.dist).toMatch(/^node scripts\/build\.mjs && electron-builder/);
  });

  it('unpacks the mediasoup worker of every platform out of app.asar, where worker-path.ts looks', async () => {
    const config = await load();
    const patterns = [config.asarUnpack ?? []].flat();
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const worker = [...WORKER_DIR, workerFileName(platform)].join('/');
      // electron-builder matches asarUnpack with minimatch against paths relative to the app.
      expect(
        patterns.some((p) => minimatch(worker, p)),
        worker,
      ).toBe(true);
    }
  });

  const hasLdd = existsSync('/usr/bin/ldd') && existsSync('/usr/bin/dpkg');
  it.skipIf(!hasLdd)('the .deb depends on Electron’s defaults and every package the worker links (ldd)', async () => {
    const config = await load();
    const depends = [config.deb?.depends ?? []].flat();
    for (const pkg of ['libgtk-3-0', 'libnss3', 'libxss1', 'libsecret-1-0']) expect(depends).toContain(pkg);
    let linked: string[];
    try {
      const out = execFileSync(process.execPath, [path.join(repo, 'scripts/worker-deb-depends.mjs'), '--json']);
      linked = JSON.parse(out.toString()) as string[];
    } catch {
      return console.warn('skipped the ldd half: no mediasoup worker here (run scripts/setup.sh)');
    }
    expect(linked).toContain('libsrtp2-1');
    for (const pkg of linked) expect(depends, `deb.depends lacks ${pkg}`).toContain(pkg);
  });
});
