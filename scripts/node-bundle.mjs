// The esbuild options every Node bundle of this repo shares (the server, the Electron main process, the tests'
// and benchmarks' helper processes): ESM for Node 20, with packages left to resolve from node_modules at run time
// (mediasoup finds its worker binary relative to its own package).

/** esbuild options of an ESM Node bundle whose packages stay external. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
};
