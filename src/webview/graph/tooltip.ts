import type { GraphNode } from '../../core/graph/graphTypes';

const MAX_TEXT = 400;

/**
 * The hover card: a concept's definition and where it is defined, a note's
 * folder and tags. Built from text nodes only; note text never becomes HTML.
 */
export class Tooltip {
  readonly element: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.element = document.createElement('div');
    this.element.className = 'tooltip';
    this.element.setAttribute('role', 'tooltip');
    this.element.hidden = true;
    parent.appendChild(this.element);
  }

  show(node: GraphNode, x: number, y: number, groupName: (id: string) => string | undefined): void {
    const el = this.element;
    el.replaceChildren();
    const line = (cls: string, text: string) => {
      const div = document.createElement('div');
      div.className = cls;
      div.textContent = text;
      el.appendChild(div);
    };
    line('tt-title', node.label);
    const kind = node.type === 'concept' ? (node.known ? node.kind ?? 'concept' : 'term (not in the taxonomy)') : node.type;
    const group = node.group ? groupName(node.group) : undefined;
    line('tt-kind', group && group !== node.label ? `${kind} · ${group}` : kind);
    if (node.aliases?.length) line('tt-aliases', `also: ${node.aliases.join(', ')}`);
    const text = node.definition ?? node.description;
    if (text) line('tt-text', text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) + '…' : text);
    if (node.type === 'concept') {
      if (node.path !== undefined) line('tt-where', `${node.definedIn ? 'Defined in' : 'Mentioned in'} ${node.path}:${(node.line ?? 0) + 1}`);
      line('tt-counts', `${node.definedIn ?? 0} defining, ${node.mentionedIn ?? 0} mentioning notes`);
    } else if (node.type === 'note') {
      if (node.folder) line('tt-where', node.folder + '/');
      if (node.tags?.length) line('tt-tags', node.tags.map((t) => '#' + t).join(' '));
    } else if (node.path) line('tt-where', node.path);
    el.hidden = false;
    // Keep it inside the panel.
    const { innerWidth: w, innerHeight: h } = window;
    const r = el.getBoundingClientRect();
    el.style.left = `${Math.min(x + 14, w - r.width - 8)}px`;
    el.style.top = `${Math.min(y + 14, h - r.height - 8)}px`;
  }

  hide(): void {
    this.element.hidden = true;
  }
}
