// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { moveInGrid } from '../../../../renderer/lib/grid-nav';

describe('moveInGrid', () => {
  it('moves by one across and by a row up and down, stopping at the edges', () => {
    expect(moveInGrid(0, 'ArrowRight', 5, 3)).toBe(1);
    expect(moveInGrid(0, 'ArrowLeft', 5, 3)).toBe(0);
    expect(moveInGrid(1, 'ArrowDown', 5, 3)).toBe(4);
    expect(moveInGrid(2, 'ArrowDown', 5, 3)).toBe(4);
    expect(moveInGrid(4, 'ArrowUp', 5, 3)).toBe(1);
    expect(moveInGrid(1, 'ArrowUp', 5, 3)).toBe(1);
    expect(moveInGrid(3, 'Home', 5, 3)).toBe(0);
    expect(moveInGrid(0, 'End', 5, 3)).toBe(4);
  });

  it('starts from the first item when nothing is selected and gives -1 for an empty grid', () => {
    expect(moveInGrid(-1, 'ArrowRight', 3, 3)).toBe(1);
    expect(moveInGrid(0, 'ArrowRight', 0, 3)).toBe(-1);
  });
});
