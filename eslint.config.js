// ESLint flat config: typescript-eslint's recommended rules everywhere, and no console in app code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules', 'dist', 'release', 'test-results', 'test-reports', 'playwright-report', 'bench/results'],
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
  {
    // The renderer runs in a sandbox: no Node or Electron.
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'fs', 'path', 'child_process'] }],
    },
  },
);
