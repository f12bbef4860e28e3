/** Pan and zoom: screen = world × k + (x, y), in CSS pixels. */
export class Camera {
  constructor(
    public x = 0,
    public y = 0,
    public k = 1,
  ) {}

  toScreenX(wx: number): number {
    return wx * this.k + this.x;
  }

  toScreenY(wy: number): number {
    return wy * this.k + this.y;
  }

  toWorld(sx: number, sy: number): [number, number] {
    return [(sx - this.x) / this.k, (sy - this.y) / this.k];
  }

  /** Zooms by `factor` keeping the world point under (sx, sy) where it is. */
  zoomAt(sx: number, sy: number, factor: number): void {
    const k = Math.min(40, Math.max(0.005, this.k * factor));
    const [wx, wy] = this.toWorld(sx, sy);
    this.k = k;
    this.x = sx - wx * k;
    this.y = sy - wy * k;
  }

  /** Puts world point (wx, wy) at the centre of a w × h view. */
  centreOn(wx: number, wy: number, w: number, h: number): void {
    this.x = w / 2 - wx * this.k;
    this.y = h / 2 - wy * this.k;
  }

  /**
   * Fits the nodes into a w × h view. Big graphs fit their 2nd to 98th
   * percentiles, so a few far-flung unlinked nodes do not shrink the rest to dust.
   */
  fit(positions: Float32Array, count: number, w: number, h: number): void {
    if (count === 0) return;
    const xs = new Float32Array(count);
    const ys = new Float32Array(count);
    for (let i = 0; i < count; i++) [xs[i], ys[i]] = [positions[2 * i], positions[2 * i + 1]];
    xs.sort();
    ys.sort();
    const cut = count > 200 ? Math.floor(count * 0.02) : 0;
    const [minX, maxX, minY, maxY] = [xs[cut], xs[count - 1 - cut], ys[cut], ys[count - 1 - cut]];
    const span = Math.max(maxX - minX, maxY - minY, 50);
    this.k = Math.min(4, (0.9 * Math.min(w, h)) / span);
    this.centreOn((minX + maxX) / 2, (minY + maxY) / 2, w, h);
  }
}
