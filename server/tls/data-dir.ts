import os from 'node:os';
import path from 'node:path';

/**
 * Where the server keeps files it makes (the self-signed certificate) when `dataDir` is not set: the
 * platform's per-user data folder, e.g. ~/.local/share/moim.
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.XDG_DATA_HOME) return path.join(env.XDG_DATA_HOME, 'moim');
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'moim');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'moim');
  return path.join(home, '.local', 'share', 'moim');
}
