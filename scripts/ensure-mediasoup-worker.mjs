// Makes sure the installed mediasoup package has its worker binary, cheapest way first:
// 1. already there  2. copied from the per-user cache (survives fresh clones and `npm ci`)
// 3. built from Debian's libraries (scripts/build-mediasoup-worker.mjs), or, off Debian,
//    mediasoup's own postinstall (it downloads a prebuilt worker where the internet is reachable).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mediasoupDir = path.join(repo, 'node_modules', 'mediasoup');
const version = JSON.parse(fs.readFileSync(path.join(mediasoupDir, 'package.json'), 'utf8')).version;
const worker = path.join(mediasoupDir, 'worker', 'out', 'Release', 'mediasoup-worker');
const cacheRoot =
  process.env.MOIM_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'moim');
const cached = path.join(cacheRoot, `mediasoup-worker-${version}`);

function run(command, args, cwd) {
  // The worker path variable must not leak into the build or mediasoup's own install.
  const env = { ...process.env };
  delete env.MEDIASOUP_WORKER_BIN;
  return spawnSync(command, args, { cwd, stdio: 'inherit', env }).status === 0;
}

if (!fs.existsSync(worker) && fs.existsSync(cached)) {
  console.log(`[mediasoup worker] using the cached ${version} worker from ${cached}`);
  fs.mkdirSync(path.dirname(worker), { recursive: true });
  fs.copyFileSync(cached, worker);
  fs.chmodSync(worker, 0o755);
}

const onDebian = fs.existsSync('/etc/debian_version');
const ok = onDebian
  ? run(process.execPath, [path.join(repo, 'scripts', 'build-mediasoup-worker.mjs')], repo)
  : fs.existsSync(worker) || run(process.execPath, ['npm-scripts.mjs', 'postinstall'], mediasoupDir);
if (!ok || !fs.existsSync(worker)) {
  console.error('[mediasoup worker] not available: SFU and broadcast rooms need it (see the messages above)');
  process.exit(1);
}

// Refresh the cache whenever the installed worker differs from it (a rebuild, a new version).
const same = fs.existsSync(cached) && fs.statSync(cached).size === fs.statSync(worker).size;
if (!same) {
  fs.mkdirSync(cacheRoot, { recursive: true });
  fs.copyFileSync(worker, `${cached}.tmp`);
  fs.renameSync(`${cached}.tmp`, cached);
  console.log(`[mediasoup worker] cached at ${cached}`);
}
