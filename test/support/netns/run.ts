import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Runs `ip`/`tc` (or another root tool) and rejects with its stderr, so a failed set-up says which step broke. */
export async function run(command: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args);
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

/** The synchronous twin of `run` for process-exit hooks (no event loop left there); never throws. */
export function runSync(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `ip netns exec NS …` as an argument list: the program then runs inside namespace `ns`. */
export function inNamespace(ns: string, program: string, args: string[]): [string, string[]] {
  return ['ip', ['netns', 'exec', ns, program, ...args]];
}
