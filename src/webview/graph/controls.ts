import { EDGE_TYPES, NODE_TYPES, type GraphEdgeType, type GraphNode, type GraphNodeType } from '../../core/graph/graphTypes';
import type { GraphViewState } from '../../protocol/graph';
import { MEMORY_COLOURS } from './sceneBuilder';

export interface ControlEvents {
  /** Some filter or display setting changed (state is already updated). */
  changed(what: 'filter' | 'colour' | 'search'): void;
  /** Arrow keys in the search box or a click on a result. */
  pick(node: GraphNode, open: boolean): void;
  fit(): void;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
};

/**
 * The toolbar: search with a keyboard-driven result list, local mode and
 * depth, colouring, and the filters. Every option label is set with
 * textContent, so folder and tag names stay text.
 */
export class Controls {
  readonly root = el('div', 'toolbar');
  readonly search = el('input', 'search');
  private readonly results = el('ul', 'results');
  private readonly status = el('div', 'status');
  private readonly notice = el('div', 'notice');
  private readonly legend = el('div', 'legend');
  private readonly folder = el('select');
  private readonly tag = el('select');
  private readonly group = el('select');
  private matches: GraphNode[] = [];
  private active = -1;

  constructor(
    parent: HTMLElement,
    private readonly state: GraphViewState,
    private readonly on: ControlEvents,
  ) {
    this.search.type = 'search';
    this.search.placeholder = 'Search notes and concepts  (/)';
    this.search.setAttribute('aria-label', 'Search the graph');
    this.search.setAttribute('aria-controls', 'graph-results');
    this.search.value = state.search;
    this.results.id = 'graph-results';
    this.results.setAttribute('role', 'listbox');
    this.results.hidden = true;
    const searchBox = el('div', 'search-box');
    searchBox.append(this.search, this.results);
    this.search.addEventListener('input', () => {
      state.search = this.search.value;
      on.changed('search');
    });
    this.search.addEventListener('keydown', (e) => this.searchKey(e));

    const local = el('input');
    local.type = 'checkbox';
    local.checked = state.local;
    local.addEventListener('change', () => ((state.local = local.checked), on.changed('filter')));
    const depth = el('input', 'depth');
    depth.type = 'number';
    [depth.min, depth.max, depth.value] = ['1', '5', String(state.depth)];
    depth.setAttribute('aria-label', 'Local graph depth');
    depth.addEventListener('change', () => ((state.depth = Math.max(1, Math.min(5, Number(depth.value) || 1))), on.changed('filter')));
    const localLabel = el('label', 'inline');
    localLabel.append(local, document.createTextNode(' Local, depth '), depth);

    const colour = this.select([['group', 'Colour: challenge'], ['folder', 'Colour: folder'], ['type', 'Colour: type'], ['memory', 'Colour: memory (cards)']], state.colourBy, (v) => {
      state.colourBy = v as GraphViewState['colourBy'];
      this.legend.hidden = v !== 'memory';
      on.changed('colour');
    });
    colour.setAttribute('aria-label', 'Colour nodes by');
    // What the memory colours mean; the swatches are coloured through the CSSOM, which the CSP allows.
    for (const [, c, label] of MEMORY_COLOURS) {
      const swatch = el('span', 'swatch');
      swatch.style.background = c;
      this.legend.append(swatch, el('span', 'swatch-label', label));
    }
    this.legend.title = 'Probability of recalling the cards of a note, or of the definitions of a concept, now (FSRS)';
    this.legend.hidden = state.colourBy !== 'memory';

    const filters = el('details', 'filters');
    filters.append(el('summary', undefined, 'Filters'));
    const body = el('div', 'filter-body');
    body.append(this.checks('Nodes', NODE_TYPES, state.hiddenNodeTypes), this.checks('Edges', EDGE_TYPES, state.hiddenEdgeTypes));
    for (const [label, sel, key] of [['Folder', this.folder, 'folder'], ['Tag', this.tag, 'tag'], ['Challenge', this.group, 'group']] as const) {
      sel.setAttribute('aria-label', label);
      sel.addEventListener('change', () => ((state[key] = sel.value), on.changed('filter')));
      const row = el('label', 'row', `${label} `);
      row.append(sel);
      body.append(row);
    }
    filters.append(body);

    const fit = el('button', undefined, 'Fit');
    fit.title = 'Fit the graph in view (0)';
    fit.addEventListener('click', () => on.fit());
    this.root.append(searchBox, localLabel, colour, filters, fit, this.legend, this.status);
    parent.append(this.root, this.notice);
    this.notice.setAttribute('role', 'status');
    this.notice.hidden = true;
  }

  /** Refreshes the folder, tag and challenge choices from the whole graph. */
  setChoices(folders: string[], tags: string[], groups: [string, string][]): void {
    const fill = (sel: HTMLSelectElement, all: string, options: [string, string][], current: string) => {
      sel.replaceChildren();
      for (const [value, label] of [['', all], ...options]) {
        const o = el('option', undefined, label);
        o.value = value;
        sel.append(o);
      }
      sel.value = options.some(([v]) => v === current) ? current : '';
    };
    fill(this.folder, 'all folders', folders.map((f) => [f, f || '(vault root)']), this.state.folder);
    fill(this.tag, 'all tags', tags.map((t) => [t, '#' + t]), this.state.tag);
    fill(this.group, 'all challenges', groups, this.state.group);
  }

  setStatus(text: string): void {
    this.status.textContent = text;
  }

  setNotice(text: string | undefined): void {
    this.notice.textContent = text ?? '';
    this.notice.hidden = !text;
  }

  /** Shows the best search matches as a list the arrow keys move through. */
  showMatches(matches: GraphNode[]): void {
    this.matches = matches;
    this.active = -1;
    this.results.replaceChildren();
    matches.forEach((n, i) => {
      const li = el('li', 'result');
      li.id = `result-${i}`;
      li.setAttribute('role', 'option');
      li.append(el('span', `badge ${n.type}`, n.type === 'concept' ? 'C' : n.type === 'note' ? 'N' : n.type === 'tag' ? '#' : 'F'), el('span', undefined, ' ' + n.label));
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        this.on.pick(n, false);
        this.setActive(i);
      });
      this.results.append(li);
    });
    this.results.hidden = matches.length === 0 || document.activeElement !== this.search;
  }

  private searchKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this.matches.length) return;
      this.results.hidden = false;
      const next = (this.active + (e.key === 'ArrowDown' ? 1 : -1) + this.matches.length) % this.matches.length;
      this.setActive(next);
      this.on.pick(this.matches[next], false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const n = this.matches[Math.max(0, this.active)];
      // Enter centres the match; a second Enter (or Ctrl+Enter) opens it.
      if (n) this.on.pick(n, this.active >= 0 || e.ctrlKey || e.metaKey);
      if (this.active < 0 && n) this.setActive(0);
    } else if (e.key === 'Escape') {
      this.search.value = '';
      this.state.search = '';
      this.on.changed('search');
    }
  }

  private setActive(i: number): void {
    this.active = i;
    Array.from(this.results.children).forEach((li, j) => li.setAttribute('aria-selected', String(i === j)));
    this.search.setAttribute('aria-activedescendant', `result-${i}`);
    this.results.children[i]?.scrollIntoView({ block: 'nearest' });
  }

  private select(options: [string, string][], value: string, onChange: (v: string) => void): HTMLSelectElement {
    const sel = el('select');
    for (const [v, label] of options) {
      const o = el('option', undefined, label);
      o.value = v;
      sel.append(o);
    }
    sel.value = value;
    sel.addEventListener('change', () => onChange(sel.value));
    return sel;
  }

  private checks<T extends GraphNodeType | GraphEdgeType>(title: string, all: readonly T[], hidden: T[]): HTMLElement {
    const box = el('fieldset');
    box.append(el('legend', undefined, title));
    for (const t of all) {
      const c = el('input');
      c.type = 'checkbox';
      c.checked = !hidden.includes(t);
      c.addEventListener('change', () => {
        const i = hidden.indexOf(t);
        if (c.checked && i >= 0) hidden.splice(i, 1);
        else if (!c.checked && i < 0) hidden.push(t);
        this.on.changed('filter');
      });
      const label = el('label', 'inline');
      label.append(c, document.createTextNode(' ' + t));
      box.append(label);
    }
    return box;
  }

  /** Search results hide while the box is not focused. */
  bindFocus(): void {
    this.search.addEventListener('focus', () => (this.results.hidden = this.matches.length === 0));
    this.search.addEventListener('blur', () => (this.results.hidden = true));
  }
}
