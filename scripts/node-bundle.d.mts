// Types for scripts/node-bundle.mjs, which Node runs as plain JavaScript and the tests and benchmarks import.

/** esbuild options of an ESM Node bundle whose packages stay external. */
export const NODE_BUNDLE: {
  bundle: true;
  platform: 'node';
  target: 'node20';
  format: 'esm';
  packages: 'external';
};
