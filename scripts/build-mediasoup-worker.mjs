#!/usr/bin/env node
// Builds the mediasoup 3.12.16 worker binary against Debian's own libraries, fully offline.
//
// mediasoup's postinstall downloads a prebuilt worker from GitHub and falls back to a meson
// build whose subprojects download their sources: neither works without internet. Instead we
// replace each meson subproject with a tiny local project (scripts/mediasoup-worker/subprojects)
// that wraps the matching Debian -dev package, then build only the `mediasoup-worker` target.
//
// Usage: node scripts/build-mediasoup-worker.mjs [--mediasoup-dir <path>] [--force]

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const MEDIASOUP_VERSION = '3.12.16';
const MIN_MESON_VERSION = '1.1.0';
const SCRIPTS_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_DIR = path.dirname(SCRIPTS_DIR);
const STUBS_DIR = path.join(SCRIPTS_DIR, 'mediasoup-worker', 'subprojects');
// Written into each installed stub so we can tell our stand-ins from real downloaded sources.
const STUB_MARKER = '.moim-stub';
// Subprojects the worker's meson.build only pulls in on Windows.
const WINDOWS_ONLY_WRAPS = new Set(['wingetopt']);
// Exit code of a worker started without MEDIASOUP_VERSION: proves it loads and runs.
const WORKER_NOT_MY_FATHER_EXIT = 41;

// pkg-config modules the stubs ask for, with the Debian package that provides each.
const PKG_CONFIG_MODULES = [
  ['libuv', 'libuv1-dev'],
  ['libssl', 'libssl-dev'],
  ['libcrypto', 'libssl-dev'],
  ['libsrtp2', 'libsrtp2-dev'],
  ['usrsctp', 'libusrsctp-dev'],
  ['absl_flat_hash_map', 'libabsl-dev'],
  ['absl_btree', 'libabsl-dev'],
  ['absl_strings', 'libabsl-dev'],
  ['absl_optional', 'libabsl-dev'],
  ['nlohmann_json', 'nlohmann-json3-dev'],
];

class BuildError extends Error {}

const startedAt = Date.now();

function log(message) {
  console.log(`[mediasoup worker] ${message}`);
}

function fail(message) {
  throw new BuildError(message);
}

function elapsed(since = startedAt) {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`;
}

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      'mediasoup-dir': { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: node scripts/build-mediasoup-worker.mjs [--mediasoup-dir <path>] [--force]');
    process.exit(0);
  }
  return {
    mediasoupDir: path.resolve(values['mediasoup-dir'] ?? path.join(REPO_DIR, 'node_modules', 'mediasoup')),
    force: values.force,
  };
}

// All the paths we touch inside the installed mediasoup package.
function workerPaths(mediasoupDir) {
  const workerDir = path.join(mediasoupDir, 'worker');
  const releaseDir = path.join(workerDir, 'out', 'Release');
  return {
    workerDir,
    releaseDir,
    bin: path.join(releaseDir, 'mediasoup-worker'),
    stamp: path.join(releaseDir, 'mediasoup-worker.version'),
    // Kept apart from mediasoup's own out/Release/build so the two never share meson state.
    buildDir: path.join(workerDir, 'out', 'moim-build'),
  };
}

function checkMediasoupPackage(mediasoupDir) {
  const pkgFile = path.join(mediasoupDir, 'package.json');
  if (!fs.existsSync(pkgFile)) {
    fail(
      `mediasoup is not installed at ${mediasoupDir} (no package.json); run npm install first or pass --mediasoup-dir`,
    );
  }
  const { name, version } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  if (name !== 'mediasoup') fail(`${pkgFile} is package "${name}", not mediasoup`);
  if (version !== MEDIASOUP_VERSION) {
    fail(
      `mediasoup ${version} is installed at ${mediasoupDir}, but this script builds only ${MEDIASOUP_VERSION}; pin "mediasoup": "${MEDIASOUP_VERSION}"`,
    );
  }
  if (!fs.existsSync(path.join(mediasoupDir, 'worker', 'meson.build'))) {
    fail(`${mediasoupDir}/worker/meson.build is missing: the mediasoup package looks incomplete`);
  }
}

// Runs the worker without MEDIASOUP_VERSION: it exits 41 right after every shared library loaded.
function workerRuns(bin) {
  try {
    fs.accessSync(bin, fs.constants.X_OK);
  } catch {
    return false;
  }
  const env = { ...process.env };
  delete env.MEDIASOUP_VERSION;
  const result = spawnSync(bin, [], { env, stdio: 'ignore', timeout: 5000 });
  return result.status === WORKER_NOT_MY_FATHER_EXIT;
}

function readStamp(stampFile) {
  try {
    return fs.readFileSync(stampFile, 'utf8').trim();
  } catch {
    return null;
  }
}

// True when a usable worker of the right version is already in place (ours, or mediasoup's own).
function alreadyBuilt(paths) {
  if (!fs.existsSync(paths.bin)) return false;
  const stamp = readStamp(paths.stamp);
  if (stamp !== null && stamp !== MEDIASOUP_VERSION) {
    log(`existing worker is stamped ${stamp}, not ${MEDIASOUP_VERSION}: rebuilding`);
    return false;
  }
  if (!workerRuns(paths.bin)) {
    log(`existing ${paths.bin} does not run (missing shared library?): rebuilding`);
    return false;
  }
  // No stamp means mediasoup's own postinstall built it from this same package's sources.
  if (stamp === null) fs.writeFileSync(paths.stamp, `${MEDIASOUP_VERSION}\n`);
  return true;
}

function commandOutput(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function versionAtLeast(version, minimum) {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < b.length; i++) {
    if ((a[i] ?? 0) !== b[i]) return (a[i] ?? 0) > b[i];
  }
  return true;
}

// Lists what is missing as Debian packages plus a note for meson, which needs bookworm-backports.
function findMissingPrerequisites() {
  const packages = new Set();
  const notes = [];
  const meson = commandOutput('meson', ['--version']);
  if (meson === null) {
    notes.push(
      `meson >= ${MIN_MESON_VERSION} is not installed (bookworm has 1.0.1: apt-get install -t bookworm-backports meson)`,
    );
  } else if (!versionAtLeast(meson, MIN_MESON_VERSION)) {
    notes.push(`meson ${meson} is too old, need >= ${MIN_MESON_VERSION} (apt-get install -t bookworm-backports meson)`);
  }
  if (commandOutput('ninja', ['--version']) === null) packages.add('ninja-build');
  if (commandOutput('c++', ['--version']) === null || commandOutput('cc', ['--version']) === null) packages.add('g++');
  if (commandOutput('pkg-config', ['--version']) === null) {
    packages.add('pkg-config');
    for (const [, debianPackage] of PKG_CONFIG_MODULES) packages.add(debianPackage);
  } else {
    for (const [module, debianPackage] of PKG_CONFIG_MODULES) {
      if (spawnSync('pkg-config', ['--exists', module]).status !== 0) packages.add(debianPackage);
    }
  }
  return { packages: [...packages], notes };
}

function checkPrerequisites() {
  log('checking system prerequisites (meson, ninja, pkg-config, compiler, -dev packages)');
  const { packages, notes } = findMissingPrerequisites();
  if (packages.length === 0 && notes.length === 0) return;
  const lines = ['missing system prerequisites for building the worker:'];
  if (packages.length > 0) lines.push(`  apt-get install -y ${packages.join(' ')}`);
  for (const note of notes) lines.push(`  ${note}`);
  lines.push(
    'As root, scripts/setup-system.sh installs meson (from bookworm-backports), ninja, pkg-config and the -dev packages.',
  );
  fail(lines.join('\n'));
}

// Reads `directory = ...` from a wrap file: the folder meson looks for before downloading.
function wrapDirectory(wrapFile) {
  const match = fs.readFileSync(wrapFile, 'utf8').match(/^\s*directory\s*=\s*(\S+)\s*$/m);
  if (!match) fail(`${wrapFile} has no "directory =" line`);
  return match[1];
}

function listFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

// Copies a stub without touching files whose content is unchanged, so ninja doesn't re-run meson needlessly.
function installStub(stubDir, targetDir) {
  if (fs.existsSync(targetDir) && !fs.existsSync(path.join(targetDir, STUB_MARKER))) {
    // Sources from an earlier download attempt would shadow the stub; ours replaces them.
    fs.rmSync(targetDir, { recursive: true, force: true });
  }
  fs.mkdirSync(targetDir, { recursive: true });
  const files = [
    ...listFiles(stubDir).map((name) => [name, fs.readFileSync(path.join(stubDir, name))]),
    [STUB_MARKER, Buffer.from('Installed by Moim scripts/build-mediasoup-worker.mjs\n')],
  ];
  for (const [name, content] of files) {
    const target = path.join(targetDir, name);
    if (fs.existsSync(target) && fs.readFileSync(target).equals(content)) continue;
    fs.writeFileSync(target, content);
  }
}

function installSubprojectStubs(workerDir) {
  log('installing local subprojects backed by Debian libraries');
  const subprojectsDir = path.join(workerDir, 'subprojects');
  const wraps = fs
    .readdirSync(subprojectsDir)
    .filter((f) => f.endsWith('.wrap'))
    .sort();
  for (const wrap of wraps) {
    const name = path.basename(wrap, '.wrap');
    if (WINDOWS_ONLY_WRAPS.has(name)) continue;
    const stubDir = path.join(STUBS_DIR, name);
    if (!fs.existsSync(stubDir)) fail(`no local stand-in for subproject "${name}" in ${STUBS_DIR}`);
    const directory = wrapDirectory(path.join(subprojectsDir, wrap));
    installStub(stubDir, path.join(subprojectsDir, directory));
    log(`  ${name} -> subprojects/${directory}`);
  }
}

// Runs a command, handing each output line to onLine; resolves with the exit code.
function runStreaming(command, args, onLine, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop();
        lines.forEach(onLine);
      });
      stream.on('end', () => pending && onLine(pending));
    }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(signal ? 128 : code));
  });
}

// Keeps the last lines of a command's output to show when it fails.
function tailBuffer(size) {
  const lines = [];
  return {
    push(line) {
      lines.push(line);
      if (lines.length > size) lines.shift();
    },
    print() {
      for (const line of lines) console.error(`    ${line}`);
    },
  };
}

async function configure(paths) {
  const reconfigure = fs.existsSync(path.join(paths.buildDir, 'meson-private', 'coredata.dat'));
  log(`configuring with meson (${reconfigure ? 'reconfigure' : 'fresh'}) in ${paths.buildDir}`);
  const args = ['setup', '--buildtype', 'release', '-Db_ndebug=true', '--wrap-mode=nodownload'];
  if (reconfigure) args.push('--reconfigure');
  args.push(paths.buildDir, paths.workerDir);
  const tail = tailBuffer(60);
  const code = await runStreaming('meson', args, (line) => {
    tail.push(line);
    // Show which Debian library each subproject found ("<subproject>| Run-time dependency x found: YES 1.2").
    const found = line.match(/(?:^|\| )((?:Run-time dependency|Dependency) .* found: .*)$/);
    if (found) log(`  ${found[1]}`);
  });
  if (code !== 0) {
    tail.print();
    fail(`meson setup failed (exit ${code}); full log: ${path.join(paths.buildDir, 'meson-logs', 'meson-log.txt')}`);
  }
}

// Runs ninja, printing its [n/N] progress at most every few seconds plus the final step.
async function compile(paths) {
  const jobs = os.availableParallelism?.() ?? os.cpus().length;
  log(`compiling with ninja -j ${jobs} (about 4 minutes on 2 cores)`);
  const env = { ...process.env, NINJA_STATUS: '[%f/%t] ' };
  const tail = tailBuffer(80);
  let lastPrinted = 0;
  let lastProgress = null;
  const code = await runStreaming(
    'ninja',
    ['-C', paths.buildDir, '-j', String(jobs), 'mediasoup-worker'],
    (line) => {
      tail.push(line);
      const progress = line.match(/^\[(\d+)\/(\d+)\] (.*)$/);
      if (!progress) return;
      const [, done, total, what] = progress;
      lastProgress = `[${done}/${total}] ${Math.floor((100 * done) / total)}% ${what.replace(paths.buildDir + '/', '')}`;
      if (Date.now() - lastPrinted >= 5000 || done === total) {
        lastPrinted = Date.now();
        log(`  ${lastProgress}`);
        lastProgress = null;
      }
    },
    env,
  );
  if (code !== 0) {
    if (lastProgress) log(`  ${lastProgress}`);
    tail.print();
    fail(`ninja failed (exit ${code}); re-run "ninja -C ${paths.buildDir} mediasoup-worker" to see the full error`);
  }
}

// Copies via a temporary file and rename, so a running server never sees a half-written binary.
function install(paths) {
  const built = path.join(paths.buildDir, 'mediasoup-worker');
  if (!fs.existsSync(built)) fail(`ninja succeeded but ${built} does not exist`);
  fs.mkdirSync(paths.releaseDir, { recursive: true });
  const temporary = `${paths.bin}.tmp-${process.pid}`;
  fs.copyFileSync(built, temporary);
  fs.chmodSync(temporary, 0o755);
  fs.renameSync(temporary, paths.bin);
  if (!workerRuns(paths.bin))
    fail(
      `the built worker at ${paths.bin} does not start (expected exit ${WORKER_NOT_MY_FATHER_EXIT} without MEDIASOUP_VERSION)`,
    );
  fs.writeFileSync(paths.stamp, `${MEDIASOUP_VERSION}\n`);
  log(`installed ${paths.bin}`);
}

async function main() {
  const { mediasoupDir, force } = parseCommandLine();
  checkMediasoupPackage(mediasoupDir);
  const paths = workerPaths(mediasoupDir);
  if (!force && alreadyBuilt(paths)) {
    log(`mediasoup worker ${MEDIASOUP_VERSION} already built`);
    return;
  }
  log(`building mediasoup worker ${MEDIASOUP_VERSION} in ${mediasoupDir}`);
  checkPrerequisites();
  installSubprojectStubs(paths.workerDir);
  let stageStart = Date.now();
  await configure(paths);
  log(`configured in ${elapsed(stageStart)}`);
  stageStart = Date.now();
  await compile(paths);
  log(`compiled in ${elapsed(stageStart)}`);
  install(paths);
  log(`mediasoup worker ${MEDIASOUP_VERSION} built in ${elapsed()}`);
}

main().catch((error) => {
  const message = error instanceof BuildError ? error.message : (error.stack ?? String(error));
  const [first, ...rest] = message.split('\n');
  console.error(`[mediasoup worker] ERROR: ${first}`);
  for (const line of rest) console.error(`[mediasoup worker] ${line}`);
  process.exit(1);
});
