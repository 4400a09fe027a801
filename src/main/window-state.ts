import type { Rectangle } from './facade';
import type { WindowBounds } from './settings';

export const defaultSize = { width: 1280, height: 820 };
export const minimumSize = { width: 900, height: 600 };

/**
 * Where the dashboard reopens: the saved size, and the saved position only if the window would
 * still be mostly on a display (a monitor unplugged since must not leave it off-screen).
 */
export function restoreBounds(
  saved: WindowBounds | null,
  displays: ReadonlyArray<{ workArea: Rectangle }>,
): { width: number; height: number; x?: number; y?: number; maximized: boolean } {
  if (!saved) return { ...defaultSize, maximized: false };
  const width = Math.max(minimumSize.width, saved.width);
  const height = Math.max(minimumSize.height, saved.height);
  const base = { width, height, maximized: saved.maximized };
  if (saved.x === undefined || saved.y === undefined) return base;
  const { x, y } = saved;
  const visible = displays.some(({ workArea: a }) => {
    const overlapX = Math.min(x + width, a.x + a.width) - Math.max(x, a.x);
    const overlapY = Math.min(y + height, a.y + a.height) - Math.max(y, a.y);
    // At least a third of the window and its title bar area on this display.
    return (
      overlapX > 0 && overlapY > 0 && overlapX * overlapY >= (width * height) / 3 && y >= a.y && y < a.y + a.height
    );
  });
  return visible ? { ...base, x, y } : base;
}

export function boundsToSave(bounds: Rectangle, maximized: boolean): WindowBounds {
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized,
  };
}
