// Builds every part Moim runs: the web renderer (Vite), the room server, Electron main and preload (esbuild).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { NODE_BUNDLE } from './node-bundle.mjs';

const only = process.argv.slice(2);
const wanted = (part) => only.length === 0 || only.includes(part);

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const nodeEsm = { ...NODE_BUNDLE, sourcemap: true, logLevel: 'warning' };

if (wanted('renderer')) {
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
if (wanted('server')) {
  // Runtime packages stay external: mediasoup finds its worker binary relative to its own package.
  await esbuild({ ...nodeEsm, entryPoints: ['server/cli.ts'], outfile: 'dist/server/index.js' });
}
if (wanted('main') && existsSync('main/index.ts')) {
  await esbuild({ ...nodeEsm, entryPoints: ['main/index.ts'], outfile: 'dist/main/index.js' });
}
if (wanted('preload') && existsSync('preload/index.ts')) {
  // A sandboxed preload has no module loader: one CommonJS file with only `electron` left external.
  await esbuild({
    ...node,
    entryPoints: ['preload/index.ts', 'preload/share-control.ts'],
    outdir: 'dist/preload',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
  });
}
