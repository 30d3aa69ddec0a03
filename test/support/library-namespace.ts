// Starts a program as it would start on a system with fewer shared libraries installed: a mount namespace (root and
// `unshare --mount`) binds a directory holding only the chosen libraries over the system's library directories.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A shared library: the name the loader searches for and the file it is. */
export interface Library {
  name: string;
  path: string;
}

/** Why library namespaces can't be made here, or null when they can. */
export function libraryNamespaceUnavailable(): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'needs root on Linux';
  return spawnSync('unshare', ['--mount', 'true']).status === 0 ? null : 'unshare --mount fails here';
}

/** Single-quotes a string for sh. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Writes an executable at `file` that execs `target` (with its arguments and inherited descriptors, e.g.
 * mediasoup's channel on fds 3 and 4) in a new mount namespace where each of `hide` shows only `keep` and the
 * dynamic `loader`. The mounts are private to that namespace and end with its last process.
 */
export function launcherWithOnly(opts: {
  file: string;
  target: string;
  keep: Library[];
  loader: string;
  hide: string[];
}): string {
  const shown = `${opts.file}.lib`;
  mkdirSync(shown, { recursive: true });
  for (const library of opts.keep) copyFileSync(library.path, path.join(shown, library.name));
  copyFileSync(opts.loader, path.join(shown, path.basename(realpathSync(opts.loader))));
  const mounts = opts.hide.map((dir) => `mount --bind ${quote(shown)} ${quote(dir)}`).join(' && ');
  const script = `#!/bin/sh\nexec unshare --mount sh -c ${quote(`${mounts} && exec "$0" "$@"`)} ${quote(opts.target)} "$@"\n`;
  writeFileSync(opts.file, script, { mode: 0o755 });
  return opts.file;
}
