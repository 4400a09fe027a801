/**
 * Timing marks for `npm run bench:dashboard`, off unless the page opted in (localStorage
 * `frontier-sos.perf` = "1", as for the push timing in api/events.ts).
 */
const perfOn = (() => {
  try {
    return globalThis.localStorage?.getItem('frontier-sos.perf') === '1';
  } catch {
    return false;
  }
})();

export function perfMark(name: string): void {
  if (perfOn) performance.mark(name);
}
