/**
 * The force layout, on flat arrays so it can run in a Worker (or, when a
 * Worker cannot be made, in time slices on the UI thread) and hand its
 * positions over as one transferable Float32Array.
 */
import { forceLink, forceManyBody, forceSimulation, forceX, forceY, type Simulation, type SimulationLinkDatum, type SimulationNodeDatum } from 'd3-force';

export interface LayoutStart {
  count: number;
  /** Pairs of node indices. */
  links: Uint32Array;
  /** x, y per node: where to start (the UI seeds them so the first frame needs no layout). */
  positions: Float32Array;
  /** 1 for a new graph; lower when most nodes keep their places. */
  alpha: number;
}

type Node = SimulationNodeDatum;

export class ForceLayout {
  private readonly nodes: Node[];
  private readonly sim: Simulation<Node, SimulationLinkDatum<Node>>;

  constructor(input: LayoutStart) {
    const { count, links, positions } = input;
    this.nodes = new Array(count);
    for (let i = 0; i < count; i++) this.nodes[i] = { index: i, x: positions[2 * i], y: positions[2 * i + 1] };
    const linkData: SimulationLinkDatum<Node>[] = new Array(links.length / 2);
    for (let i = 0; i < linkData.length; i++) linkData[i] = { source: links[2 * i], target: links[2 * i + 1] };
    const big = count > 2000;
    this.sim = forceSimulation(this.nodes)
      .stop()
      .alpha(input.alpha)
      // Large graphs settle in fewer, coarser steps: the difference is invisible, the seconds are not.
      .alphaDecay(big ? 0.045 : 0.0228)
      // The last ticks of a big layout move nodes by less than a pixel at the zoom that shows them all.
      .alphaMin(big ? 0.004 : 0.001)
      .velocityDecay(0.4)
      .force('charge', forceManyBody<Node>().strength(big ? -45 : -60).theta(big ? 1.2 : 0.9).distanceMax(big ? 900 : 1200))
      .force('link', forceLink<Node, SimulationLinkDatum<Node>>(linkData).distance(big ? 25 : 35).iterations(1))
      // Weak pulls to the centre keep unconnected parts on screen (weaker for big graphs, which need the room).
      .force('x', forceX<Node>(0).strength(big ? 0.015 : 0.04))
      .force('y', forceY<Node>(0).strength(big ? 0.015 : 0.04));
  }

  get settled(): boolean {
    return this.sim.alpha() < this.sim.alphaMin();
  }

  get alpha(): number {
    return this.sim.alpha();
  }

  /** Runs ticks for about `budgetMs`; true when the layout has settled. */
  step(budgetMs: number): boolean {
    const end = performance.now() + budgetMs;
    do {
      if (this.settled) return true;
      this.sim.tick();
    } while (performance.now() < end);
    return this.settled;
  }

  positions(out = new Float32Array(this.nodes.length * 2)): Float32Array {
    for (let i = 0; i < this.nodes.length; i++) {
      out[2 * i] = this.nodes[i].x!;
      out[2 * i + 1] = this.nodes[i].y!;
    }
    return out;
  }

  /** Holds a node where the user drags it (or lets it go with undefined). */
  pin(i: number, x: number | undefined, y: number | undefined): void {
    const n = this.nodes[i];
    if (!n) return;
    n.fx = x ?? null;
    n.fy = y ?? null;
    if (x !== undefined) [n.x, n.y] = [x, y];
  }

  reheat(alpha = 0.3): void {
    if (this.sim.alpha() < alpha) this.sim.alpha(alpha);
  }
}
