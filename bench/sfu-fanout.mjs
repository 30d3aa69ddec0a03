// Runs the SFU fan-out benchmark: `node bench/sfu-fanout.mjs` (a few minutes).
// Bundles bench/sfu-fanout/main.ts with esbuild (packages stay external) and runs the bundle, which also
// forks itself for the sink and relay helper processes; bundles the WebRTC receiver page (mediasoup-client
// included) beside it. Results: bench/results/sfu-fanout.{json,png} and sfu-fanout-workers.{json,png}.
import { build } from 'esbuild';
import { NODE_BUNDLE } from '../scripts/node-bundle.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// In the checkout's own .cache/ (git-ignored), not node_modules/.cache: two checkouts sharing one node_modules
// would overwrite each other's bundle. Packages still resolve from there, one level up.
const outdir = path.join(repo, '.cache', 'moim-bench');
const outfile = path.join(outdir, 'sfu-fanout.mjs');
await Promise.all([
  build({
    entryPoints: [path.join(repo, 'bench', 'sfu-fanout', 'main.ts')],
    outfile,
    ...NODE_BUNDLE,
    logLevel: 'warning',
  }),
  // main.ts reads it from beside itself and injects it into each receiver page.
  build({
    entryPoints: [path.join(repo, 'bench', 'sfu-fanout', 'receiver-page.ts')],
    outfile: path.join(outdir, 'sfu-fanout-receiver.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    logLevel: 'warning',
  }),
]);
// mediasoup reads this as the worker's path; it is for installing only and must not be set when running.
delete process.env.MEDIASOUP_WORKER_BIN;
process.env.MOIM_BENCH_RESULTS ??= path.join(repo, 'bench', 'results');
await import(pathToFileURL(outfile).href);
