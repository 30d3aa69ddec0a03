// The shared libraries the mediasoup worker loads: what `ldd` names, plus the modules NSS opens at run time.
// One home for that list: scripts/worker-deb-depends.mjs maps it to the .deb's depends, build/after-pack.mjs
// copies it into Linux builds (the AppImage carries them).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * glibc's own libraries. They are never bundled: they must match the system's dynamic loader, which every
 * glibc system has (libnss_* is glibc's name-service modules, not Mozilla's NSS, libnss3).
 */
const GLIBC =
  /^(ld-linux[^/]*|libc|libm|libmvec|libpthread|libdl|librt|libresolv|libutil|libanl|libnss_[a-z]+)\.so(\.|$)/;

/** Whether a library (by its soname) is part of glibc. */
export function isGlibc(name) {
  return GLIBC.test(name);
}

/** Whether a library is GCC's C++ runtime: bookworm's copies need glibc 2.36, the worker's other libraries 2.34. */
export function isCxxRuntime(name) {
  return /^(libstdc\+\+|libgcc_s)\.so(\.|$)/.test(name);
}

/**
 * `ldd`'s view of an ELF file: each library by the name the loader searches for (its DT_NEEDED soname)
 * with the file it resolves to here, and the dynamic loader. Throws when a library is missing.
 */
export function ldd(file, env = process.env) {
  const out = execFileSync('ldd', [file], { encoding: 'utf8', env });
  const libraries = [];
  let loader = null;
  for (const line of out.split('\n')) {
    const linked = /^\s*(\S+) => (\/\S+) \(0x/.exec(line);
    const own = /^\s*(\/\S+) \(0x/.exec(line);
    if (linked) libraries.push({ name: linked[1], path: linked[2] });
    else if (own) loader = own[1];
    else if (line.includes('not found')) throw new Error(`${file}: ${line.trim()}`);
  }
  return { libraries, loader };
}

/**
 * Debian builds libsrtp2 on NSS, which dlopens its softoken (and that its freebl) at the first SRTP session,
 * from the directory libnss3 was loaded from. ldd cannot see them; /proc/<pid>/maps of a worker shows them
 * after a PlainTransport with SRTP connects (test/unit/main/packaging.test.ts runs exactly that).
 */
const NSS_MODULES = ['libsoftokn3.so', 'libfreeblpriv3.so'];

/**
 * Every library the worker loads when hosting, glibc's included (callers filter with `isGlibc`), each once,
 * and the worker's dynamic loader.
 */
export function workerLibraries(worker) {
  const { libraries, loader } = ldd(worker);
  const all = new Map(libraries.map((library) => [library.name, library.path]));
  const nss = all.get('libnss3.so');
  for (const name of nss ? NSS_MODULES : []) {
    const module = path.join(path.dirname(nss), name);
    if (!fs.existsSync(module)) throw new Error(`libnss3 is at ${nss} but its ${name} is missing`);
    all.set(name, module);
    for (const dependency of ldd(module).libraries) all.set(dependency.name, dependency.path);
  }
  return { libraries: [...all].map(([name, file]) => ({ name, path: file })), loader };
}
