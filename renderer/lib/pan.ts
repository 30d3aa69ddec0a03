/** How far one arrow key press moves an "actual pixels" view, in CSS pixels. */
export const PAN_STEP_PX = 80;

/** The scroll offset an arrow key asks for, or null for any other key. */
export function panStep(key: string): { left: number; top: number } | null {
  const steps: Record<string, { left: number; top: number }> = {
    ArrowLeft: { left: -PAN_STEP_PX, top: 0 },
    ArrowRight: { left: PAN_STEP_PX, top: 0 },
    ArrowUp: { left: 0, top: -PAN_STEP_PX },
    ArrowDown: { left: 0, top: PAN_STEP_PX },
  };
  return Object.hasOwn(steps, key) ? steps[key]! : null;
}

/**
 * Lets the user move a scrolled view by dragging it (pointer) and with the arrow keys. The view is an ordinary
 * scroll container, so wheels and touchpads work too; returns a function that removes the listeners.
 */
export function enablePanning(view: HTMLElement): () => void {
  let drag: { x: number; y: number; left: number; top: number } | null = null;
  const down = (e: PointerEvent) => {
    drag = { x: e.clientX, y: e.clientY, left: view.scrollLeft, top: view.scrollTop };
    view.setPointerCapture?.(e.pointerId);
  };
  const move = (e: PointerEvent) => {
    if (!drag) return;
    view.scrollLeft = drag.left - (e.clientX - drag.x);
    view.scrollTop = drag.top - (e.clientY - drag.y);
  };
  const up = () => (drag = null);
  const key = (e: KeyboardEvent) => {
    const step = panStep(e.key);
    if (!step) return;
    e.preventDefault();
    view.scrollBy(step);
  };
  view.addEventListener('pointerdown', down);
  view.addEventListener('pointermove', move);
  view.addEventListener('pointerup', up);
  view.addEventListener('pointercancel', up);
  view.addEventListener('keydown', key);
  return () => {
    view.removeEventListener('pointerdown', down);
    view.removeEventListener('pointermove', move);
    view.removeEventListener('pointerup', up);
    view.removeEventListener('pointercancel', up);
    view.removeEventListener('keydown', key);
  };
}
