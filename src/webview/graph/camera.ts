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

  /** Fits the bounding box of `positions` (x, y pairs) into a w × h view. */
  fit(positions: Float32Array, count: number, w: number, h: number): void {
    if (count === 0) return;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < count; i++) {
      const x = positions[2 * i];
      const y = positions[2 * i + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const span = Math.max(maxX - minX, maxY - minY, 50);
    this.k = Math.min(4, (0.9 * Math.min(w, h)) / span);
    this.centreOn((minX + maxX) / 2, (minY + maxY) / 2, w, h);
  }
}
