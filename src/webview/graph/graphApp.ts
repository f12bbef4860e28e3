import { GraphStore } from '../../core/graph/graphStore';
import { searchNodes } from '../../core/graph/graphSearch';
import { noteNodeId, type GraphNode } from '../../core/graph/graphTypes';
import { visibleGraph, type VisibleGraph } from '../../core/graph/graphView';
import type { GraphViewState, HostToGraphView } from '../../protocol/graph';
import { Camera } from './camera';
import { filterChoices } from './choices';
import { Controls } from './controls';
import type { Host } from './host';
import { bindInteraction } from './interaction';
import { LayoutClient } from './layoutClient';
import { PositionMemory } from './positions';
import { measure, readTheme } from './pageUtil';
import { Renderer } from './renderer';
import { emptyScene, type Scene } from './scene';
import { buildScene, colourKey, colourTable } from './sceneBuilder';
import { Tooltip } from './tooltip';

/**
 * The graph panel's controller: holds the graph copy and the view state,
 * derives what is visible, hands layout to the worker and draws frames on
 * demand (nothing is drawn while nothing moves).
 */
export class GraphApp {
  private readonly store = new GraphStore();
  private readonly state: GraphViewState;
  private visible: VisibleGraph = { nodes: [], links: new Uint32Array(0), linkTypes: [] };
  private indexById = new Map<string, number>();
  private scene: Scene = emptyScene();
  private readonly memory = new PositionMemory();
  private readonly camera = new Camera();
  private readonly layout: LayoutClient;
  private readonly renderer: Renderer;
  private readonly controls: Controls;
  private readonly tooltip: Tooltip;
  private readonly canvas: HTMLCanvasElement;
  private activePath: string | undefined;
  private frame = 0;
  private settled = false;
  private userMoved: boolean;
  /** Reopened after a reload with a zoom or a selection to show again, and the user has not moved the camera since. */
  private restoring: boolean;
  private firstFrame = false;
  /** Indices of the visible nodes matching the search. */
  private matches: number[] = [];
  private lastFullDrawMs = 0;
  private lastFullDrawAt = 0;
  private positionsTimer: ReturnType<typeof setTimeout> | undefined;
  /** Card memory by node id, while colouring by it. */
  private memoryValues: Record<string, number | null> = {};
  private timers: Record<'save' | 'recompute', ReturnType<typeof setTimeout> | undefined> = { save: undefined, recompute: undefined };

  constructor(root: HTMLElement, private readonly host: Host, scriptUrl: string | undefined) {
    // The pan is not restored: after a reload the layout starts afresh, and an old pan would show empty space.
    // The zoom and the selected node are (see follow()).
    this.state = host.loadState();
    this.userMoved = false;
    this.restoring = this.state.zoom !== undefined || this.state.selected !== undefined;
    this.controls = new Controls(root, this.state, {
      changed: (what) => (what === 'search' ? this.searchChanged() : what === 'colour' ? this.colourChanged() : this.recompute()),
      pick: (node, open) => this.pick(node, open),
      fit: () => this.fit(),
    });
    this.controls.bindFocus();
    this.canvas = document.createElement('canvas');
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-label', 'Concept graph: arrows pan, + and - zoom, Enter opens the selected node, [ and ] step through its neighbours');
    root.append(this.canvas);
    this.tooltip = new Tooltip(root);
    this.renderer = new Renderer(this.canvas, readTheme());
    this.layout = new LayoutClient(scriptUrl, (p, s) => this.positionsArrived(p, s), (m) => host.post({ type: 'error', message: m }));
    bindInteraction(this.canvas, {
      camera: this.camera,
      hit: (x, y) => this.renderer.hit(this.scene, this.camera, x, y),
      hover: (i, x, y) => this.hover(i, x, y),
      click: (i) => (i >= 0 ? this.pick(this.visible.nodes[i], true) : this.select(undefined)),
      dragNode: (i, x, y) => this.layout.pin(i, x, y),
      moved: () => {
        this.userMoved = true;
        this.rememberZoom();
        this.requestDraw();
      },
      key: (e) => this.key(e),
    });
    window.addEventListener('resize', () => (this.userMoved ? this.requestDraw() : this.follow()));
    new MutationObserver(() => (this.renderer.setTheme(readTheme()), this.requestDraw())).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    document.addEventListener('keydown', (e) => {
      if (e.key === '/' && document.activeElement !== this.controls.search) {
        e.preventDefault();
        this.controls.search.focus();
      }
    });
  }

  receive(m: HostToGraphView): void {
    if (m.type === 'snapshot') {
      performance.mark('mmgraph:snapshot');
      this.store.load(m.graph);
      if (m.activePath !== undefined) this.activePath = m.activePath;
      this.refreshChoices();
      this.recompute();
      if (this.state.colourBy === 'memory') this.host.post({ type: 'memory', wanted: true });
    } else if (m.type === 'memory') {
      this.memoryValues = m.values;
      if (this.state.colourBy === 'memory') this.recolour();
    } else if (m.type === 'diff') {
      const r = this.store.apply(m.diff);
      if (r === 'gap') this.host.post({ type: 'refetch' });
      else if (r === 'applied') this.recomputeSoon();
    } else if (m.type === 'active') {
      this.activePath = m.path;
      if (this.state.local) this.recompute();
    } else if (m.type === 'notice') this.controls.setNotice(m.text);
  }

  private focusId(): string | undefined {
    return this.activePath ? noteNodeId(this.activePath) : this.state.selected;
  }

  private recomputeSoon(): void {
    clearTimeout(this.timers.recompute);
    this.timers.recompute = setTimeout(() => (this.refreshChoices(), this.recompute()), 120);
  }

  /** Derives the visible graph and restarts the layout from where nodes were. */
  private recompute(): void {
    const started = performance.now();
    if (this.scene.count) this.memory.remember(this.visible, this.scene.positions);
    this.visible = visibleGraph(this.store.nodes, this.store.edges.values(), this.state, this.focusId());
    this.indexById = new Map(this.visible.nodes.map((n, i) => [n.id, i]));
    const seed = this.memory.seed(this.visible);
    this.scene = this.sceneFor(seed.positions);
    this.settled = false;
    this.layout.start({ count: this.visible.nodes.length, links: this.visible.links, positions: seed.positions, alpha: seed.alpha });
    this.follow();
    this.controls.setNotice(this.visible.notice);
    this.searchChanged();
    this.saveSoon();
    measure('mmgraph:recompute', started);
  }

  /** A scene for the visible graph in the current colours (nothing moves). */
  private sceneFor(positions: Float32Array) {
    const by = this.state.colourBy;
    const colours = colourTable([...this.store.nodes.values()].map((n) => colourKey(n, by, this.memoryValues)), by);
    this.renderer.invalidate();
    return buildScene(this.visible, positions, colours, by, this.memoryValues);
  }

  private colourChanged(): void {
    this.host.post({ type: 'memory', wanted: this.state.colourBy === 'memory' });
    this.recolour();
    this.saveSoon();
  }

  /** Colours changed, nothing else: the layout keeps running undisturbed. */
  private recolour(): void {
    const { selected, hovered } = this.scene;
    this.scene = this.sceneFor(this.scene.positions);
    [this.scene.selected, this.scene.hovered] = [selected, hovered];
    this.emphasise();
  }

  private positionsArrived(positions: Float32Array, settled: boolean): void {
    if (positions.length !== this.scene.count * 2) return;
    this.scene.positions = positions;
    this.follow();
    if (settled && !this.settled) {
      this.settled = true;
      performance.mark('mmgraph:settled');
      this.memory.remember(this.visible, positions);
    }
    this.updateStatus();
    this.renderer.invalidate();
    // While the layout runs, redraw at most every other draw's length: the UI thread keeps half its time for input.
    const wait = this.lastFullDrawAt + 2 * this.lastFullDrawMs - performance.now();
    if (settled || wait <= 0) this.requestDraw();
    else if (!this.positionsTimer) this.positionsTimer = setTimeout(() => ((this.positionsTimer = undefined), this.requestDraw()), wait);
  }

  private searchChanged(): void {
    const degree = (i: number) => this.scene.radius[i] ?? 0;
    const found = searchNodes(this.visible.nodes, this.state.search, 500, degree);
    this.controls.showMatches(found.slice(0, 20).map((f) => f.node));
    this.matches = found.map((f) => f.index);
    this.emphasise();
    this.saveSoon();
  }

  /** Highlights the search matches and the selection with its neighbours (the list of matches stays as it is). */
  private emphasise(): void {
    const s = this.scene;
    s.emphasis.fill(0);
    for (const i of this.matches) s.emphasis[i] = 2;
    s.selected = this.state.selected ? this.indexById.get(this.state.selected) ?? -1 : -1;
    if (s.selected >= 0) {
      s.emphasis[s.selected] = 2;
      for (const n of this.neighbours(s.selected)) s.emphasis[n] = 2;
    }
    s.dimOthers = s.selected >= 0 || !!this.state.search.trim();
    this.updateStatus();
    this.renderer.invalidate();
    this.requestDraw();
  }

  private neighbours(i: number): number[] {
    const out = new Set<number>();
    const l = this.visible.links;
    for (let j = 0; j < l.length; j += 2) {
      if (l[j] === i) out.add(l[j + 1]);
      else if (l[j + 1] === i) out.add(l[j]);
    }
    return [...out];
  }

  private select(id: string | undefined): void {
    this.state.selected = id;
    this.emphasise();
    this.saveSoon();
    if (this.state.local && !this.activePath) this.recompute();
  }

  /** Selects and centres a node; `open` also opens it in the editor. */
  private pick(node: GraphNode | undefined, open: boolean): void {
    if (!node) return;
    this.select(node.id);
    const i = this.indexById.get(node.id);
    if (i !== undefined) {
      this.camera.centreOn(this.scene.positions[2 * i], this.scene.positions[2 * i + 1], this.renderer.width, this.renderer.height);
      this.userMoved = true;
      this.rememberZoom();
      this.requestDraw();
    }
    if (open && node.path !== undefined) this.host.post({ type: 'open', path: node.path, line: node.line ?? 0 });
  }

  private hover(i: number, x: number, y: number): void {
    if (i === this.scene.hovered) return;
    this.scene.hovered = i;
    if (i >= 0) this.tooltip.show(this.visible.nodes[i], x, y, (g) => this.store.nodes.get(`concept:${g}`)?.label);
    else this.tooltip.hide();
    this.canvas.style.cursor = i >= 0 ? 'pointer' : 'default';
    this.requestDraw();
  }

  private key(e: KeyboardEvent): boolean {
    const sel = this.scene.selected;
    if (e.key === 'Enter' && sel >= 0) this.pick(this.visible.nodes[sel], true);
    else if (e.key === 'Escape') this.select(undefined);
    else if (e.key === '0') this.fit();
    else if ((e.key === ']' || e.key === '[') && sel >= 0) {
      const ns = this.neighbours(sel).sort((a, b) => this.visible.nodes[a].label.localeCompare(this.visible.nodes[b].label));
      if (!ns.length) return true;
      const last = this.scene.hovered >= 0 ? ns.indexOf(this.scene.hovered) : -1;
      const next = ns[(last + (e.key === ']' ? 1 : ns.length - 1)) % ns.length];
      // Stepping moves the highlight (hover) among the neighbours; Enter on the canvas then opens the selection.
      this.hover(next, 0, 0);
      this.tooltip.hide();
    } else return false;
    return true;
  }

  private fit(byUser = true): void {
    this.renderer.resize();
    this.camera.fit(this.scene.positions, this.scene.count, this.renderer.width, this.renderer.height);
    // Fitting by hand (button, 0) lets the camera follow the layout again, and is what a reload shows.
    if (byUser) {
      this.userMoved = false;
      this.restoring = false;
      delete this.state.zoom;
      this.saveSoon();
    }
    this.requestDraw();
  }

  /**
   * The camera follows the layout until the user moves it: it fits the graph,
   * or, reopened after a reload, shows the saved zoom centred on the selected
   * node (the layout is new, so the old pan would point at nothing).
   */
  private follow(): void {
    if (this.userMoved) return;
    this.fit(false);
    if (!this.restoring) return;
    const [w, h] = [this.renderer.width, this.renderer.height];
    if (this.state.zoom !== undefined) this.camera.zoomAt(w / 2, h / 2, this.state.zoom / this.camera.k);
    const i = this.state.selected !== undefined ? this.indexById.get(this.state.selected) : undefined;
    if (i !== undefined) this.camera.centreOn(this.scene.positions[2 * i], this.scene.positions[2 * i + 1], w, h);
  }

  private rememberZoom(): void {
    this.state.zoom = this.camera.k;
    this.saveSoon();
  }

  private refreshChoices(): void {
    const c = filterChoices(this.store.nodes.values());
    this.controls.setChoices(c.folders, c.tags, c.groups);
  }

  private updateStatus(): void {
    const matches = this.state.search.trim() ? ` · ${this.scene.emphasis.reduce((a, b) => a + (b === 2 ? 1 : 0), 0)} highlighted` : '';
    this.controls.setStatus(`${this.visible.nodes.length.toLocaleString('en')} nodes · ${(this.visible.links.length / 2).toLocaleString('en')} edges${matches} · ${this.settled ? 'settled' : 'laying out'}`);
  }

  private saveSoon(): void {
    clearTimeout(this.timers.save);
    this.timers.save = setTimeout(() => this.host.saveState(this.state), 300);
  }

  private requestDraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const started = performance.now();
      // A margin only pays off once nothing moves but the camera.
      if (this.renderer.frame(this.scene, this.camera, this.settled ? 0.2 : 0)) {
        this.lastFullDrawMs = performance.now() - started;
        this.lastFullDrawAt = performance.now();
        measure('mmgraph:draw', started);
      } else measure('mmgraph:blit', started);
      if (!this.firstFrame && this.scene.count > 0) {
        this.firstFrame = true;
        performance.mark('mmgraph:first-frame');
      }
    });
  }
}
