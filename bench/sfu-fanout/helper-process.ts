import { fork, type ChildProcess } from 'node:child_process';
import type { RoleRequest } from './roles';

/** A running helper process (sink or relay) that answers one request at a time. */
export class HelperProcess {
  private constructor(private readonly child: ChildProcess) {}

  /** Forks `script` as the helper named `role` and waits until it is listening for requests. */
  static async start(script: string, role: 'sink' | 'relay'): Promise<HelperProcess> {
    const child = fork(script, ['--role', role], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`${role} helper exited with ${code}`)));
    });
    return new HelperProcess(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Sends a request and resolves with the reply of the same type. */
  request<T = Record<string, unknown>>(request: RoleRequest): Promise<T> {
    return new Promise((resolve) => {
      const onMessage = (reply: { type: string }) => {
        if (reply.type !== request.type) return;
        this.child.off('message', onMessage);
        resolve(reply as T);
      };
      this.child.on('message', onMessage);
      this.child.send(request);
    });
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}
