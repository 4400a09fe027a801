import { parentPort, workerData } from 'node:worker_threads';
import { createRouter, loadModel } from '../core/index';
import { routeBlock } from './commands/route';
import type { RouteWorkerData } from './route-pool';

// One routing worker (src/cli/route-pool.ts): the same router as the main thread, lines in, answers out.
const data = workerData as RouteWorkerData;
const router = data.modelFile ? createRouter({}, loadModel(data.modelFile)) : createRouter();
const note = data.note ?? undefined;

parentPort?.on('message', ({ id, block }: { id: number; block: string }) => {
  try {
    parentPort!.postMessage({ id, result: routeBlock(block, router, note) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
