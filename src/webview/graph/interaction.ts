import type { Camera } from './camera';

export interface InteractionTarget {
  camera: Camera;
  /** Node index under a screen point, or -1. */
  hit(sx: number, sy: number): number;
  hover(index: number, sx: number, sy: number): void;
  click(index: number): void;
  dragNode(index: number, wx: number | undefined, wy: number | undefined): void;
  /** The camera moved: redraw, remember the view. */
  moved(): void;
  key(e: KeyboardEvent): boolean;
}

/** Pixels a press may travel and still be a click. */
const CLICK_SLOP = 4;

/**
 * Mouse, wheel and keyboard on the canvas: drag empty space to pan, drag a
 * node to move it, wheel to zoom at the pointer, click to select and open;
 * arrows pan, +/- zoom, and the rest goes to the app (Enter, Escape, …).
 */
export function bindInteraction(canvas: HTMLCanvasElement, t: InteractionTarget): void {
  let press: { x: number; y: number; node: number; moved: boolean; camX: number; camY: number } | undefined;
  const local = (e: MouseEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    const [x, y] = local(e);
    press = { x, y, node: t.hit(x, y), moved: false, camX: t.camera.x, camY: t.camera.y };
    canvas.setPointerCapture(e.pointerId);
    canvas.focus();
  });

  canvas.addEventListener('pointermove', (e) => {
    const [x, y] = local(e);
    if (!press) {
      t.hover(t.hit(x, y), e.clientX, e.clientY);
      return;
    }
    if (!press.moved && Math.hypot(x - press.x, y - press.y) < CLICK_SLOP) return;
    press.moved = true;
    if (press.node >= 0) {
      const [wx, wy] = t.camera.toWorld(x, y);
      t.dragNode(press.node, wx, wy);
    } else {
      t.camera.x = press.camX + (x - press.x);
      t.camera.y = press.camY + (y - press.y);
      t.moved();
    }
  });

  const release = (e: PointerEvent) => {
    if (!press) return;
    const p = press;
    press = undefined;
    if (canvas.hasPointerCapture(e.pointerId)) canvas.releasePointerCapture(e.pointerId);
    if (p.node >= 0 && p.moved) t.dragNode(p.node, undefined, undefined);
    else if (!p.moved && e.type === 'pointerup') t.click(p.node);
  };
  canvas.addEventListener('pointerup', release);
  canvas.addEventListener('pointercancel', release);
  canvas.addEventListener('pointerleave', () => {
    if (!press) t.hover(-1, 0, 0);
  });

  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const [x, y] = local(e);
      // Trackpads send small deltas, mouse wheels large ones: scale by the delta, not per event.
      t.camera.zoomAt(x, y, Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015)));
      t.moved();
    },
    { passive: false },
  );

  canvas.addEventListener('keydown', (e) => {
    const step = 60;
    const cam = t.camera;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    const pan: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (pan[e.key] && !e.altKey) {
      cam.x += pan[e.key][0];
      cam.y += pan[e.key][1];
    } else if (e.key === '+' || e.key === '=') cam.zoomAt(w / 2, h / 2, 1.25);
    else if (e.key === '-' || e.key === '_') cam.zoomAt(w / 2, h / 2, 0.8);
    else {
      if (t.key(e)) e.preventDefault();
      return;
    }
    e.preventDefault();
    t.moved();
  });
}
