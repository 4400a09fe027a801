import { create } from 'zustand';

export const views = [
  'overview',
  'queue',
  'task',
  'memory',
  'swap',
  'snapshots',
  'blueprint',
  'spend',
  'settings',
] as const;
export type View = (typeof views)[number];

export interface Route {
  view: View;
  /** The task the task view shows. */
  taskId: string | null;
}

/** `#/queue`, `#/task/<id>`: the view lives in the URL hash, so reload and back keep it. */
export function parseHash(hash: string): Route {
  const [, name = '', id] = hash.replace(/^#/, '').split('/');
  const view = (views as readonly string[]).includes(name) ? (name as View) : 'overview';
  return { view, taskId: view === 'task' && id ? decodeURIComponent(id) : null };
}

export function hrefFor(view: View, taskId?: string): string {
  return view === 'task' && taskId ? `#/task/${encodeURIComponent(taskId)}` : `#/${view}`;
}

export const useRoute = create<Route>(() => parseHash(globalThis.location?.hash ?? ''));

globalThis.addEventListener?.('hashchange', () => useRoute.setState(parseHash(location.hash)));

export function navigate(view: View, taskId?: string): void {
  location.hash = hrefFor(view, taskId);
}
