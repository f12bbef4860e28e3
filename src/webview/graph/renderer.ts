import { Camera } from './camera';
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
  private readonly screen: CanvasRenderingContext2D;
  /** The last full drawing, larger than the view by a margin: panning only moves it. */
  private readonly layer = document.createElement('canvas');
  private ctx: CanvasRenderingContext2D;
  private layerCam: { x: number; y: number; k: number } | undefined;
  private layerSize = { w: 0, h: 0 };
  width = 0;
  height = 0;
  private dpr = 1;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private theme: Theme,
  ) {
    this.screen = canvas.getContext('2d', { alpha: false })!;
    this.ctx = this.layer.getContext('2d', { alpha: false })!;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    this.invalidate();
  }

  /** The scene changed (positions, emphasis, theme): the next frame draws everything. */
  invalidate(): void {
    this.layerCam = undefined;
  }

  /**
   * Shows the scene: by moving the last drawing when only the camera panned
   * and the drawing still covers the view (a single blit, whatever the
   * graph's size), else by drawing everything. `margin` (a fraction of the
   * view per side) is drawn beyond the view, so that a pan can follow;
   * 0 while the layout moves, when no drawing outlives a frame anyway.
   * Returns whether it drew everything.
   */
  frame(scene: Scene, cam: Camera, margin: number): boolean {
    this.resize();
    const lc = this.layerCam;
    const offX = lc ? cam.x - lc.x : 0;
    const offY = lc ? cam.y - lc.y : 0;
    const covers = lc && lc.k === cam.k && offX <= 0 && offY <= 0 && offX + this.layerSize.w >= this.width && offY + this.layerSize.h >= this.height;
    let full = false;
    if (!covers) {
      const mx = Math.round(this.width * margin);
      const my = Math.round(this.height * margin);
      this.layerSize = { w: this.width + 2 * mx, h: this.height + 2 * my };
      const lw = Math.max(1, Math.round(this.layerSize.w * this.dpr));
      const lh = Math.max(1, Math.round(this.layerSize.h * this.dpr));
      if (this.layer.width !== lw || this.layer.height !== lh) [this.layer.width, this.layer.height] = [lw, lh];
      this.layerCam = { x: cam.x + mx, y: cam.y + my, k: cam.k };
      this.draw(scene, new Camera(this.layerCam.x, this.layerCam.y, cam.k), this.layerSize.w, this.layerSize.h);
      full = true;
    }
    const s = this.screen;
    s.setTransform(1, 0, 0, 1, 0, 0);
    s.drawImage(this.layer, Math.round((cam.x - this.layerCam!.x) * this.dpr), Math.round((cam.y - this.layerCam!.y) * this.dpr));
    this.drawOverlay(scene, cam);
    return full;
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
    this.invalidate();
    return true;
  }

  private draw(scene: Scene, cam: Camera, w: number, h: number): void {
    const { ctx, theme } = this;
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
    // Thousands of overlapping edges at full alpha are a solid blob: fade them with their on-screen density.
    let totalEdges = 0;
    for (const l of scene.linksByStyle) totalEdges += l.length / 2;
    const density = Math.min(1, Math.sqrt((w * h) / 40 / Math.max(1, totalEdges * Math.min(1, 1 / (k * k)))));

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
      ctx.globalAlpha = (dim ? style.alpha * 0.3 : style.alpha) * Math.max(0.06, density);
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
        any = this.addNode(i, scene, k, tx, ty, minX, minY, maxX, maxY) || any;
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
        any = this.addNode(i, scene, k, tx, ty, minX, minY, maxX, maxY) || any;
      }
      if (any) {
        ctx.globalAlpha = 0.18;
        ctx.fillStyle = scene.palette[c];
        ctx.fill();
      }
    });
    ctx.globalAlpha = 1;

    this.drawLabels(scene, cam, minX, minY, maxX, maxY);
  }

  /** What changes without the scene changing: the hover and selection rings and the hovered label. */
  private drawOverlay(scene: Scene, cam: Camera): void {
    const s = this.screen;
    const p = scene.positions;
    s.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    for (const [i, width] of [[scene.hovered, 1.5], [scene.selected, 2.5]] as const) {
      if (i < 0 || i >= scene.count) continue;
      const x = cam.toScreenX(p[2 * i]);
      const y = cam.toScreenY(p[2 * i + 1]);
      const r = Math.max(3, scene.radius[i] * cam.k);
      s.beginPath();
      s.arc(x, y, r + 3, 0, TAU);
      s.globalAlpha = 1;
      s.strokeStyle = this.theme.accent;
      s.lineWidth = width;
      s.stroke();
      if (i === scene.hovered && scene.labels[i]) {
        s.font = this.theme.font;
        s.textAlign = 'center';
        s.textBaseline = 'top';
        s.lineJoin = 'round';
        s.lineWidth = 3;
        s.strokeStyle = this.theme.background;
        s.strokeText(scene.labels[i], x, y + r + 2, 240);
        s.fillStyle = this.theme.foreground;
        s.fillText(scene.labels[i], x, y + r + 2, 240);
      }
    }
  }

  private addNode(i: number, scene: Scene, k: number, tx: number, ty: number, minX: number, minY: number, maxX: number, maxY: number): boolean {
    const x = scene.positions[2 * i];
    const y = scene.positions[2 * i + 1];
    if (x < minX || x > maxX || y < minY || y > maxY) return false;
    const r = Math.max(1.2, scene.radius[i] * k);
    const sx = x * k + tx;
    const sy = y * k + ty;
    // A square is indistinguishable from a circle at two pixels and far cheaper to fill.
    if (r < 2.2 || scene.square[i]) this.ctx.rect(sx - r * 0.85, sy - r * 0.85, 1.7 * r, 1.7 * r);
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
    // Labels that would overlap one already drawn are skipped: a coarse grid of taken cells.
    const CW = 24;
    const CH = 14;
    const cols = Math.ceil(this.layerSize.w / CW) + 1;
    const taken = new Uint8Array(cols * (Math.ceil(this.layerSize.h / CH) + 1));
    const label = (i: number, force = false) => {
      const x = p[2 * i];
      const y = p[2 * i + 1];
      if (x < minX || x > maxX || y < minY || y > maxY) return;
      const text = scene.labels[i];
      if (!text) return;
      const sx = cam.toScreenX(x);
      const sy = cam.toScreenY(y) + Math.max(2, scene.radius[i] * cam.k) + 2;
      const half = Math.min(120, ctx.measureText(text).width / 2);
      const [c0, c1, r] = [Math.floor((sx - half) / CW), Math.floor((sx + half) / CW), Math.floor(sy / CH)];
      if (r < 0 || c1 < 0 || c0 >= cols) return;
      if (!force) for (let c = Math.max(0, c0); c <= c1 && c < cols; c++) if (taken[r * cols + c]) return;
      for (let c = Math.max(0, c0); c <= c1 && c < cols; c++) taken[r * cols + c] = 1;
      ctx.globalAlpha = scene.dimOthers && scene.emphasis[i] !== 2 ? 0.3 : 1;
      ctx.strokeText(text, sx, sy, 240);
      ctx.fillText(text, sx, sy, 240);
      drawn++;
    };
    if (scene.selected >= 0 && scene.selected < scene.count) label(scene.selected, true);
    for (let j = 0; j < scene.labelOrder.length && drawn < MAX_LABELS; j++) {
      const i = scene.labelOrder[j];
      if (i === scene.selected) continue;
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
