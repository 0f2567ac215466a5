/** The harness side of an engine worker: fork it, send requests, await replies. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Reply, Request } from './protocol.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface WorkerHandle {
  readonly pid: number;
  call<T>(request: Request): Promise<T>;
  /** Close the engine and let the process exit; kills it if it does not. */
  stop(): Promise<void>;
}

export function startWorker(name: string): WorkerHandle {
  const child: ChildProcess = fork(WORKER, [name], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new Error(`${name}: ${reply.error}`));
  });
  child.on('exit', (code) => {
    for (const p of pending.values()) p.reject(new Error(`${name} worker exited (${code})`));
    pending.clear();
  });
  return {
    pid: child.pid!,
    call<T>(request: Request) {
      return new Promise<T>((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, request });
      });
    },
    async stop() {
      if (child.exitCode !== null || !child.connected) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await this.call({ op: 'close' }).catch(() => undefined);
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
