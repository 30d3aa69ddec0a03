// Prints the Debian packages the mediasoup worker links (from `ldd` + `dpkg -S`), one per line, so the
// .deb's `depends` in electron-builder.yml can list them. `--json` prints a JSON array instead.
// Usage: node scripts/worker-deb-depends.mjs [worker-binary] [--json]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
// Every resolved library, e.g. "libuv.so.1 => /lib/x86_64-linux-gnu/libuv.so.1 (0x…)".
const libraries = execFileSync('ldd', [worker], { encoding: 'utf8' })
  .split('\n')
  .map((line) => /=>\s+(\/\S+)/.exec(line)?.[1])
  .filter(Boolean);
const packages = new Set();
/** The package owning a library; with usrmerge dpkg knows some under /lib, others under /usr/lib. */
function owner(library) {
  const real = fs.realpathSync(library);
  const candidates = [library, real, real.replace(/^\/usr\/lib\//, '/lib/'), library.replace(/^\/lib\//, '/usr/lib/')];
  for (const candidate of new Set(candidates)) {
    try {
      return execFileSync('dpkg', ['-S', candidate], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .split(':')[0]
        .trim();
    } catch {
      // not under this name; try the next
    }
  }
  throw new Error(`no Debian package owns ${library}`);
}
for (const library of libraries) packages.add(owner(library));
const sorted = [...packages].sort();
process.stdout.write(json ? `${JSON.stringify(sorted)}\n` : `${sorted.join('\n')}\n`);
