// Runs the SFU fan-out benchmark: `node bench/sfu-fanout.mjs` (about a minute).
// Bundles bench/sfu-fanout/main.ts with esbuild (packages stay external) and runs the bundle, which also
// forks itself for the sink and relay helper processes. Results: bench/results/sfu-fanout.{json,png}.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(repo, 'node_modules', '.cache', 'moim-bench', 'sfu-fanout.mjs');
await build({
  entryPoints: [path.join(repo, 'bench', 'sfu-fanout', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
// mediasoup reads this as the worker's path; it is for installing only and must not be set when running.
delete process.env.MEDIASOUP_WORKER_BIN;
process.env.MOIM_BENCH_RESULTS ??= path.join(repo, 'bench', 'results');
await import(pathToFileURL(outfile).href);
