// electron-builder afterPack hook (electron-builder.yml): gives a Linux build what its mediasoup worker needs
// beyond glibc, so an AppImage hosts SFU rooms on any glibc system, not only where Debian's packages are installed.
// Writes <resources>/mediasoup-runtime/: lib/ and lib-cxx/ (copies of the worker's libraries, named by soname;
// lib-cxx/ the C++ runtime) and start-worker (build/start-worker.sh, the launcher worker-path.ts points mediasoup at).
// Why copies plus a launcher rather than a static worker: the worker keeps linking Debian's OpenSSL, so a .deb
// install (whose depends bring the same libraries) runs on the system's patched copies; a static link would
// freeze OpenSSL into the binary for every install. The AppImage and the .deb come from one unpacked directory,
// so the launcher picks at run time (see start-worker.sh).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Arch } from 'builder-util';
import { isCxxRuntime, isGlibc, workerLibraries } from '../scripts/worker-libraries.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// Where electron-builder unpacks the worker (electron-builder.yml's asarUnpack; main/hosting/worker-path.ts
// WORKER_DIR). test/unit/main/packaging.test.ts packages the app and checks the two agree.
const UNPACKED_WORKER = 'app.asar.unpacked/node_modules/mediasoup/worker/out/Release/mediasoup-worker';
const RUNTIME_DIR = 'mediasoup-runtime';

/** Copies the worker's non-glibc libraries and its launcher next to a packaged Linux app's resources. */
export default async function afterPack(context) {
  if (context.electronPlatformName !== 'linux') return;
  const resources = path.join(context.appOutDir, 'resources');
  const worker = path.join(resources, ...UNPACKED_WORKER.split('/'));
  if (!fs.existsSync(worker)) {
    console.warn(`[after-pack] no mediasoup worker at ${worker}: this build hosts P2P rooms only`);
    return;
  }
  // ldd reads the build machine's libraries: they fit only a worker of the build machine's architecture.
  const arch = Arch[context.arch];
  if (arch !== process.arch) throw new Error(`[after-pack] cannot collect ${arch} libraries on a ${process.arch} host`);

  const { libraries, loader } = workerLibraries(worker);
  if (!loader) throw new Error(`[after-pack] ldd named no dynamic loader for ${worker}`);
  const runtime = path.join(resources, RUNTIME_DIR);
  fs.rmSync(runtime, { recursive: true, force: true });
  const bundled = libraries.filter((library) => !isGlibc(library.name));
  for (const library of bundled) {
    // The C++ runtime apart: start-worker.sh uses the system's when it is new enough (it needs no newer glibc).
    const dir = path.join(runtime, isCxxRuntime(library.name) ? 'lib-cxx' : 'lib');
    fs.mkdirSync(dir, { recursive: true });
    // copyFileSync follows symlinks: the directory gets the file itself under the name the loader looks for.
    fs.copyFileSync(library.path, path.join(dir, library.name));
    fs.chmodSync(path.join(dir, library.name), 0o644);
  }
  const launcher = fs
    .readFileSync(path.join(here, 'start-worker.sh'), 'utf8')
    .replaceAll('@WORKER@', path.relative(runtime, worker))
    .replaceAll('@LOADER@', loader);
  fs.writeFileSync(path.join(runtime, 'start-worker'), launcher, { mode: 0o755 });
  console.log(`[after-pack] ${bundled.length} libraries for the mediasoup worker in ${runtime}`);
}
