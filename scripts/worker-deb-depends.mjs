// Prints the Debian packages of the libraries the mediasoup worker loads (scripts/worker-libraries.mjs, mapped
// with `dpkg -S`), one per line, so the .deb's `depends` in electron-builder.yml can list them. `--json` prints
// a JSON array instead.
// Usage: node scripts/worker-deb-depends.mjs [worker-binary] [--json]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerLibraries } from './worker-libraries.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const given = args.find((a) => !a.startsWith('--'));

/** The worker to inspect: the argument, the installed one, or the per-user cache of scripts/setup.sh. */
function findWorker() {
  if (given) return given;
  const installed = path.join(repo, 'node_modules/mediasoup/worker/out/Release/mediasoup-worker');
  if (fs.existsSync(installed)) return installed;
  const version = JSON.parse(fs.readFileSync(path.join(repo, 'node_modules/mediasoup/package.json'), 'utf8')).version;
  const cacheRoot =
    process.env.MOIM_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'moim');
  return path.join(cacheRoot, `mediasoup-worker-${version}`);
}

const worker = findWorker();
if (!fs.existsSync(worker)) {
  console.error(`no mediasoup worker at ${worker} (run scripts/ensure-mediasoup-worker.mjs)`);
  process.exit(1);
}
const libraries = workerLibraries(worker).libraries.map((library) => library.path);
const packages = new Set();
/** Every name dpkg may know a library under: with usrmerge some are under /lib, others under /usr/lib. */
function names(library) {
  const real = fs.realpathSync(library);
  return [library, real, real.replace(/^\/usr\/lib\//, '/lib/'), library.replace(/^\/lib\//, '/usr/lib/')];
}
// One dpkg call for all of them (each call takes ~0.5 s): it prints "pkg:arch: /path" for the ones it knows.
const candidates = [...new Set(libraries.flatMap(names))];
const found = spawnSync('dpkg', ['-S', ...candidates], { encoding: 'utf8' }).stdout;
const owners = new Map();
for (const line of found.split('\n')) {
  const match = /^([^:]+):[^:]*: (\/\S+)$/.exec(line);
  if (match) owners.set(match[2], match[1]);
}
for (const library of libraries) {
  const owner = names(library)
    .map((name) => owners.get(name))
    .find(Boolean);
  if (!owner) throw new Error(`no Debian package owns ${library}`);
  packages.add(owner);
}
const sorted = [...packages].sort();
process.stdout.write(json ? `${JSON.stringify(sorted)}\n` : `${sorted.join('\n')}\n`);
