import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ModelFile } from '../core/index';
import type { BlockResult } from './commands/route';

/**
 * Worker threads for `route --no-llm` on bulk input: each takes a block of lines and answers them
 * with the same router (the shipped weights, or the ones the main thread folded corrections into).
 * Answers come back per batch and the caller writes them in input order. Started lazily, only for
 * input large enough to pay for the threads' start-up; where the bundled worker is missing (tests
 * that run the TypeScript source), `create` returns null and the caller routes in-process.
 */
export interface RoutePool {
  /** Routes a block of whole lines (routeBlock in a worker). */
  route(block: string): Promise<BlockResult>;
  close(): Promise<void>;
}

export interface RouteWorkerData {
  modelFile: ModelFile | null;
  note: { en: string; ko: string } | null;
}

interface Reply {
  id: number;
  result?: BlockResult;
  error?: string;
}

const workerUrl = new URL('./route-worker.mjs', import.meta.url);

export function createRoutePool(data: RouteWorkerData, size = Math.min(availableParallelism(), 8)): RoutePool | null {
  if (workerUrl.protocol !== 'file:' || !existsSync(fileURLToPath(workerUrl))) return null;
  const waiting = new Map<number, { resolve: (r: BlockResult) => void; reject: (e: Error) => void }>();
  const workers = Array.from({ length: Math.max(1, size) }, () => {
    const worker = new Worker(workerUrl, { workerData: data });
    worker.on('message', (reply: Reply) => {
      const entry = waiting.get(reply.id);
      if (!entry) return;
      waiting.delete(reply.id);
      if (reply.result) entry.resolve(reply.result);
      else entry.reject(new Error(`a routing worker failed: ${reply.error ?? 'no answer'}`));
    });
    // A worker that fails or exits breaks the pool: what waits is rejected, and so is what comes.
    const fail = (why: string) => {
      broken ??= why;
      for (const entry of waiting.values()) entry.reject(new Error(`a routing worker stopped: ${why}`));
      waiting.clear();
    };
    worker.on('error', (error) => fail(error.message));
    worker.on('exit', (code) => {
      if (!closing) fail(`it exited (code ${code})`);
    });
    return worker;
  });
  let next = 0;
  let broken: string | undefined;
  let closing = false;
  return {
    route(block) {
      const id = next++;
      if (broken) return Promise.reject(new Error(`a routing worker stopped: ${broken}`));
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, block });
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
