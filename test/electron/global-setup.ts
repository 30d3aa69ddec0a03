// Prints the one line that says why the Electron e2e is skipped, once per run.
import { findElectronBinary } from './electron-binary';

export default function globalSetup(): void {
  const binary = findElectronBinary();
  if (!binary.ok) console.log(`[electron e2e] skipped: ${binary.reason}`);
}
