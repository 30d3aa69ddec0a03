// ESLint flat config: typescript-eslint's recommended rules everywhere, and no console in app code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Moim's parts, each a top-level folder. */
const PARTS = ['common', 'main', 'preload', 'renderer', 'server', 'test', 'bench', 'scripts', 'build'];

/** A restricted-import pattern for a relative import that climbs out of its part into one of `parts`. */
function crossing(parts, message) {
  return { regex: `^(\\.\\./)+(${parts.join('|')})(/|$)`, message };
}

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'release',
      'test-results',
      'test-reports',
      'playwright-report',
      'bench/results',
      '.cache',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off',
    },
  },
  {
    // App code logs through `debug` namespaces; console is for scripts, tests and benchmarks.
    files: ['common/**', 'server/**', 'renderer/**', 'main/**', 'preload/**'],
    ignores: ['server/cli.ts'],
    rules: { 'no-console': 'error' },
  },
  // Boundaries between the parts. Each part sits one folder below the root, so an import that leaves its part
  // is `../` repeated up to the root, then the other part's folder; the regexes catch exactly that.
  {
    files: ['common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossing(
              PARTS.filter((p) => p !== 'common'),
              'common/ holds contracts and imports nothing of ours',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['main/**', 'preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossing(['renderer'], 'main/ and preload/ never import the renderer: shared types live in common/'),
          ],
        },
      ],
    },
  },
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossing(
              ['renderer', 'main', 'preload'],
              'the server never imports a client: shared code lives in common/',
            ),
          ],
        },
      ],
    },
  },
  {
    // The renderer runs in a sandbox: no Node or Electron, and nothing of main's or the server's.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'fs', 'path', 'child_process'],
              message: 'the renderer never sees Node or Electron',
            },
            crossing(
              ['main', 'server', 'preload'],
              'the renderer reaches main only through the bridge, the server only over signaling',
            ),
          ],
        },
      ],
    },
  },
);
