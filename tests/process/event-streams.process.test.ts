import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServe } from '../helpers/serve-process';

// Event streams with limits: 100 clients that connect to /api/events and never read, then 600 new
// tasks, then a state that keeps changing. Without limits every frame is kept for every client
// (this test measured 183 MB); with them the host drops a client that falls behind (17 MB).
const linux = process.platform === 'linux';
const rssBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

describe.skipIf(!linux)('event streams nobody reads (Linux: RSS from /proc)', () => {
  it('100 clients that never read, 600 new tasks: the host grows by less than 120 MB', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'fsos-sse-'));
    const serve = startServe(workspace);
    const child = serve.child;
    const sockets: Socket[] = [];
    try {
      const url = await serve.url;
      const { port } = new URL(url);
      const token = url.replace(/.*token=/, '');
      const api = (path: string, body?: unknown) => serve.fetch(path, body);
      await api('/api/state');
      await new Promise((r) => setTimeout(r, 1000));
      const before = rssBytes(child.pid!);
      for (let i = 0; i < 100; i++) {
        const socket = connect(Number(port), '127.0.0.1');
        socket.write(`GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n\r\n`);
        socket.pause(); // never reads
        socket.on('error', () => undefined); // dropped by the host: expected
        sockets.push(socket);
      }
      // Paused so the queue grows: every state push carries all 600 queued tasks.
      await api('/api/queue/pause', { paused: true });
      for (let i = 0; i < 600; i++)
        await api('/api/tasks', {
          text: `Refactor module ${i}: rename the helpers and add unit tests. ${'context '.repeat(70)}`,
          route: 'local',
        });
      // Then the state keeps changing (each push carries the 600 queued tasks, ~400 kB).
      for (let i = 0; i < 60; i++) {
        await api('/api/queue/pause', { paused: i % 2 === 1 });
        await new Promise((r) => setTimeout(r, 120));
      }
      await api('/api/queue/pause', { paused: true });
      await new Promise((r) => setTimeout(r, 2000));
      const grown = rssBytes(child.pid!) - before;
      expect(grown, `grew by ${(grown / 1048576).toFixed(1)} MB`).toBeLessThan(120 * 1024 * 1024);
      expect((await api('/api/state')).status).toBe(200); // still serving
    } finally {
      sockets.forEach((s) => s.destroy());
      child.kill('SIGINT');
    }
  }, 180_000);
});
