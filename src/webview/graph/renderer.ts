import type { Camera } from './camera';
import { EDGE_STYLES, type Scene } from './scene';

/** Most labels drawn in one frame: beyond this they cost more than they tell. */
const MAX_LABELS = 220;
const TAU = Math.PI * 2;

export interface Theme {
  background: string;
  foreground: string;
  accent: string;
  font: string;
}

/**
 * Draws a Scene on a 2D canvas. Everything is batched: one path per edge
 * style and one per node colour, so 40,000 edges are a handful of stroke()
 * calls. Off-screen nodes and edges are skipped; labels go only to the
 * nodes large enough on screen, most important first, and always as
 * fillText (text, never markup).
 */
export class Renderer {
  private readonly ctx: CanvasRenderingContext2D;
  width = 0;
  height = 0;
  private dpr = 1;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private theme: Theme,
  ) {
    this.ctx = canvas.getContext('2d', { alpha: false })!;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
  }

  /** Matches the backing store to the element's size; true when it changed. */
  resize(): boolean {
    const dpr = window.devicePixelRatio || 1;
    const w = this.canvas.clientWidth;
    const h = this.canvas.clientHeight;
    if (w === this.width && h === this.height && dpr === this.dpr) return false;
    [this.width, this.height, this.dpr] = [w, h, dpr];
    this.canvas.width = Math.max(1, Math.round(w * dpr));
    this.canvas.height = Math.max(1, Math.round(h * dpr));
    return true;
  }

  draw(scene: Scene, cam: Camera): void {
    const { ctx, width: w, height: h, theme } = this;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = theme.background;
    ctx.fillRect(0, 0, w, h);
    if (scene.count === 0) return;
    const p = scene.positions;
    const { k, x: tx, y: ty } = cam;
    // The visible world rectangle, with a margin for node radii.
    const m = 20 / k;
    const [x0, y0] = cam.toWorld(0, 0);
    const [x1, y1] = [x0 + w / k, y0 + h / k];
    const [minX, minY, maxX, maxY] = [x0 - m, y0 - m, x1 + m, y1 + m];
    const dim = scene.dimOthers;

    EDGE_STYLES.forEach((style, si) => {
      const links = scene.linksByStyle[si];
      if (!links || links.length === 0) return;
      ctx.beginPath();
      for (let i = 0; i < links.length; i += 2) {
        const a = links[i] * 2;
        const b = links[i + 1] * 2;
        const ax = p[a], ay = p[a + 1], bx = p[b], by = p[b + 1];
        if ((ax < minX && bx < minX) || (ax > maxX && bx > maxX) || (ay < minY && by < minY) || (ay > maxY && by > maxY)) continue;
        ctx.moveTo(ax * k + tx, ay * k + ty);
        ctx.lineTo(bx * k + tx, by * k + ty);
      }
      ctx.globalAlpha = dim ? style.alpha * 0.3 : style.alpha;
      ctx.strokeStyle = style.accent ? theme.accent : theme.foreground;
      ctx.lineWidth = style.width;
      ctx.stroke();
    });

    if (dim) this.drawEmphasisedEdges(scene, cam);

    scene.byColour.forEach((nodes, c) => {
      ctx.beginPath();
      let any = false;
      for (let j = 0; j < nodes.length; j++) {
        const i = nodes[j];
        if (dim && scene.emphasis[i] !== 2) continue;
        any = this.addNode(i, p, scene.radius, k, tx, ty, minX, minY, maxX, maxY) || any;
      }
      if (any) {
        ctx.globalAlpha = 1;
        ctx.fillStyle = scene.palette[c];
        ctx.fill();
      }
      if (!dim) return;
      // Dimmed nodes in a second, faint batch of the same colour.
      ctx.beginPath();
      any = false;
      for (let j = 0; j < nodes.length; j++) {
        const i = nodes[j];
        if (scene.emphasis[i] === 2) continue;
        any = this.addNode(i, p, scene.radius, k, tx, ty, minX, minY, maxX, maxY) || any;
      }
      if (any) {
        ctx.globalAlpha = 0.18;
        ctx.fillStyle = scene.palette[c];
        ctx.fill();
      }
    });
    ctx.globalAlpha = 1;

    for (const [i, width] of [[scene.hovered, 1.5], [scene.selected, 2.5]] as const) {
      if (i < 0 || i >= scene.count) continue;
      ctx.beginPath();
      ctx.arc(p[2 * i] * k + tx, p[2 * i + 1] * k + ty, Math.max(3, scene.radius[i] * k) + 3, 0, TAU);
      ctx.strokeStyle = theme.accent;
      ctx.lineWidth = width;
      ctx.stroke();
    }
    this.drawLabels(scene, cam, minX, minY, maxX, maxY);
  }

  private addNode(i: number, p: Float32Array, radius: Float32Array, k: number, tx: number, ty: number, minX: number, minY: number, maxX: number, maxY: number): boolean {
    const x = p[2 * i];
    const y = p[2 * i + 1];
    if (x < minX || x > maxX || y < minY || y > maxY) return false;
    const r = Math.max(1.2, radius[i] * k);
    const sx = x * k + tx;
    const sy = y * k + ty;
    // A square is indistinguishable from a circle at two pixels and far cheaper to fill.
    if (r < 2.2) this.ctx.rect(sx - r, sy - r, 2 * r, 2 * r);
    else {
      this.ctx.moveTo(sx + r, sy);
      this.ctx.arc(sx, sy, r, 0, TAU);
    }
    return true;
  }

  private drawEmphasisedEdges(scene: Scene, cam: Camera): void {
    const { ctx } = this;
    const p = scene.positions;
    ctx.beginPath();
    EDGE_STYLES.forEach((_, si) => {
      const links = scene.linksByStyle[si];
      for (let i = 0; i < links.length; i += 2) {
        const a = links[i];
        const b = links[i + 1];
        if (scene.emphasis[a] !== 2 || scene.emphasis[b] !== 2) continue;
        if (a !== scene.selected && b !== scene.selected && scene.selected >= 0) continue;
        ctx.moveTo(cam.toScreenX(p[2 * a]), cam.toScreenY(p[2 * a + 1]));
        ctx.lineTo(cam.toScreenX(p[2 * b]), cam.toScreenY(p[2 * b + 1]));
      }
    });
    ctx.globalAlpha = 0.8;
    ctx.strokeStyle = this.theme.accent;
    ctx.lineWidth = 1.2;
    ctx.stroke();
  }

  private drawLabels(scene: Scene, cam: Camera, minX: number, minY: number, maxX: number, maxY: number): void {
    const { ctx, theme } = this;
    const p = scene.positions;
    ctx.font = theme.font;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.lineJoin = 'round';
    ctx.lineWidth = 3;
    ctx.strokeStyle = theme.background;
    ctx.fillStyle = theme.foreground;
    let drawn = 0;
    const label = (i: number) => {
      const x = p[2 * i];
      const y = p[2 * i + 1];
      if (x < minX || x > maxX || y < minY || y > maxY) return;
      const text = scene.labels[i];
      if (!text) return;
      const sx = cam.toScreenX(x);
      const sy = cam.toScreenY(y) + Math.max(2, scene.radius[i] * cam.k) + 2;
      ctx.globalAlpha = scene.dimOthers && scene.emphasis[i] !== 2 ? 0.3 : 1;
      ctx.strokeText(text, sx, sy, 240);
      ctx.fillText(text, sx, sy, 240);
      drawn++;
    };
    for (const i of [scene.selected, scene.hovered]) if (i >= 0 && i < scene.count) label(i);
    for (let j = 0; j < scene.labelOrder.length && drawn < MAX_LABELS; j++) {
      const i = scene.labelOrder[j];
      if (i === scene.selected || i === scene.hovered) continue;
      const onScreen = scene.radius[i] * cam.k;
      // Big enough on screen, or emphasised and not drowned in a crowd.
      if (onScreen >= 4.5 || (scene.emphasis[i] === 2 && (scene.dimOthers || cam.k > 0.6))) label(i);
    }
    ctx.globalAlpha = 1;
  }

  /** The node under a screen point, if any (a linear scan: 10,000 distance checks take well under a millisecond). */
  hit(scene: Scene, cam: Camera, sx: number, sy: number): number {
    const [wx, wy] = cam.toWorld(sx, sy);
    let best = -1;
    let bestD = Infinity;
    const p = scene.positions;
    for (let i = 0; i < scene.count; i++) {
      const dx = p[2 * i] - wx;
      const dy = p[2 * i + 1] - wy;
      const d = dx * dx + dy * dy;
      const r = Math.max(scene.radius[i], 5 / cam.k);
      if (d <= r * r && d < bestD) [best, bestD] = [i, d];
    }
    return best;
  }
}
