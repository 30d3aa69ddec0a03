import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The built room server CLI that tests run as a child process. */
export const SERVER_BUNDLE = path.join(repo, 'dist/server/index.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the server bundle when the server's sources are newer than it (the setup step normally has built it). */
export function ensureServerBundle(): void {
  const sources = Math.max(newestSource(path.join(repo, 'server')), newestSource(path.join(repo, 'common')));
  if (!existsSync(SERVER_BUNDLE) || statSync(SERVER_BUNDLE).mtimeMs < sources) {
    execFileSync(process.execPath, ['scripts/build.mjs', 'server'], { cwd: repo, stdio: 'inherit' });
  }
}
