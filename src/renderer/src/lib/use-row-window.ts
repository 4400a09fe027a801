import { useLayoutEffect, useState } from 'react';

/** The rows of a list to put in the page: from `start` up to, not including, `end`. */
export interface RowWindow {
  start: number;
  end: number;
}

/**
 * The rows in view of a list whose rows all have one height, plus `overscan` on each side (so a
 * quick scroll or a Tab into the next row finds it there). Arithmetic on the scroll position: the
 * work is the rows in view, whatever the list's length.
 */
export function rowWindow(
  firstInView: number,
  count: number,
  rowHeight: number,
  viewportHeight: number,
  overscan: number,
): RowWindow {
  // A row cut at the top leaves room for one more cut at the bottom.
  const inView = Math.ceil(viewportHeight / rowHeight) + 1;
  const first = Math.min(Math.max(0, firstInView), Math.max(0, count - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count, first + inView + overscan) };
}

/**
 * Follows a scroll element and gives the rows to render. Only the first row in view is state: a
 * scroll within a row renders nothing, and a store update renders the same few rows. (A general
 * virtualiser measures every row; with 10,000 rows that is 10,000 entries rebuilt whenever the
 * list grows by one, which is every new task.)
 */
export function useRowWindow(
  element: HTMLElement | null,
  count: number,
  rowHeight: number,
  viewportHeight: number,
  overscan = 8,
): RowWindow {
  // The first row in view, for the element it was read from: a new scroll element (the list came
  // back after an empty filter) starts at the top without being read, since reading scrollTop in
  // React's commit would force the page's first layout there, on the first load's critical path.
  const [seen, setSeen] = useState<{ element: HTMLElement | null; first: number }>({ element: null, first: 0 });
  useLayoutEffect(() => {
    if (!element) return;
    const follow = () => {
      const first = Math.floor(element.scrollTop / rowHeight);
      setSeen((s) => (s.element === element && s.first === first ? s : { element, first }));
    };
    element.addEventListener('scroll', follow, { passive: true });
    return () => element.removeEventListener('scroll', follow);
  }, [element, rowHeight]);
  const firstInView = seen.element === element ? seen.first : 0;
  return rowWindow(firstInView, count, rowHeight, viewportHeight, overscan);
}
