import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openPage } from './support/page';
import { useServedBrowser } from './support/setup';

// Hardening: the host's credential stays with its port. In real Chromium, after the dashboard
// is opened, a server on another loopback port (a dev server, a port-forward) receives no
// credential, and a page it serves cannot create a task, pause the queue, answer an approval or
// set a key.
const env = useServedBrowser();

describe('a neighbour on another loopback port', () => {
  it('gets no credential and can change nothing', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const target = env.served.origin;
    // A real pending approval whose id the neighbour somehow knows.
    await env.served.api('/api/tasks', {
      method: 'POST',
      body: JSON.stringify({ text: 'Design the whole architecture of a new system', route: 'planner' }),
    });
    let approvalId = '';
    for (let i = 0; i < 200 && !approvalId; i++) {
      const state = await env.served.api<{ approvals: Array<{ id: string; status: string; kind: string }> }>(
        '/api/state',
      );
      approvalId = state.approvals.find((a) => a.status === 'pending' && a.kind === 'planner')?.id ?? '';
      if (!approvalId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(approvalId).not.toBe('');
    // The neighbour's page tries every request a page may send without reading the answer.
    const attack = String.raw`<!doctype html><body><script>
      const t = ${JSON.stringify(target)};
      const tries = [
        ['/api/tasks', { text: 'planted by a neighbour' }],
        ['/api/queue/pause', { paused: true }],
        ['/api/approvals/${approvalId}', { decision: 'approve' }],
        ['/api/secrets/openai', { key: 'sk-planted-0123456789abcdef' }],
        ['/api/secrets/anthropic', { key: 'sk-ant-planted-0123456789abcdef' }],
      ];
      Promise.all(tries.flatMap(([p, b]) => [
        fetch(t + p, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(b) }).catch(() => null),
        fetch(t + p, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) }).catch(() => null),
      ])).then(() => { document.title = 'done'; });
      const f = document.createElement('form'); f.method = 'POST'; f.action = t + '/api/tasks'; f.enctype = 'text/plain'; f.target = 'sink';
      const i = document.createElement('input'); i.name = '{"text":"planted by a form","x":"'; i.value = '"}'; f.appendChild(i);
      const sink = document.createElement('iframe'); sink.name = 'sink'; document.body.append(sink, f); f.submit();
    </script></body>`;
    const neighbour = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(req.url === '/attack' ? attack : '<!doctype html><p>a dev server</p>');
    });
    await new Promise<void>((resolve) => neighbour.listen(0, '127.0.0.1', resolve));
    const port = (neighbour.address() as AddressInfo).port;
    const { context, page } = await openPage(env.browser);
    try {
      const before = await env.served.api<{ queue: unknown[]; paused: boolean }>('/api/state');
      await page.goto(env.served.dashboardUrl);
      await page.locator('[data-stream="open"]').waitFor();
      expect(new URL(page.url()).searchParams.get('token')).toBeNull(); // out of the address bar
      expect((await context.cookies()).length).toBe(0);

      // The same browser visits the neighbour, and the neighbour's page attacks.
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.goto(`http://127.0.0.1:${port}/attack`);
      await page.waitForFunction('document.title === "done"', undefined, { timeout: 15_000 });
      await page.waitForTimeout(500);

      for (const headers of seen) {
        expect(headers.cookie ?? '').not.toContain(env.served.token);
        expect(headers.authorization).toBeUndefined();
        expect(JSON.stringify(headers)).not.toContain(env.served.token);
      }
      const after = await env.served.api<{
        queue: Array<{ text: string }>;
        paused: boolean;
        approvals: Array<{ id: string; status: string }>;
      }>('/api/state');
      expect(after.approvals.find((a) => a.id === approvalId)?.status).toBe('pending');
      expect(after.queue.length).toBe(before.queue.length);
      expect(after.queue.some((t) => t.text.includes('planted'))).toBe(false);
      expect(after.paused).toBe(false);
      // The key was not replaced: a frontier call still authenticates with the host's own key
      // (the simulated provider refuses any other).
      const frontier = await env.served.api<{ id: string }>('/api/tasks', {
        method: 'POST',
        body: JSON.stringify({ text: 'What changed in Tailwind v4 configuration?', route: 'frontier' }),
      });
      let status = '';
      for (let i = 0; i < 300 && status !== 'done' && status !== 'failed'; i++) {
        const state = await env.served.api<{
          approvals: Array<{ id: string; status: string; kind: string; taskIds: string[] }>;
        }>('/api/state');
        const ask = state.approvals.find(
          (a) => a.kind === 'frontier' && a.status === 'pending' && a.taskIds.includes(frontier.id),
        );
        if (ask)
          await env.served.api(`/api/approvals/${ask.id}`, {
            method: 'POST',
            body: JSON.stringify({ decision: 'approve' }),
          });
        status = (await env.served.api<{ status: string }>(`/api/tasks/${frontier.id}`)).status;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('done');
    } finally {
      await context.close();
      neighbour.close();
    }
  });
});
