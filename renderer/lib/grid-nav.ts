/** Keys that move the selection in a grid of items. */
export type GridKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

/** True when `key` moves the selection in a grid. */
export function isGridKey(key: string): key is GridKey {
  return ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key);
}

/** The index the selection moves to in a grid of `count` items laid out `columns` wide; it stops at the edges. */
export function moveInGrid(index: number, key: GridKey, count: number, columns: number): number {
  if (count <= 0) return -1;
  const cols = Math.max(1, columns);
  const from = Math.min(Math.max(index, 0), count - 1);
  const next = {
    ArrowLeft: from - 1,
    ArrowRight: from + 1,
    ArrowUp: from - cols,
    ArrowDown: from + cols,
    Home: 0,
    End: count - 1,
  }[key];
  if (next < 0 || next >= count) return key === 'ArrowDown' ? count - 1 : from;
  return next;
}
