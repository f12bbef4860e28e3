import * as vscode from 'vscode';
import type { GraphNode } from '../../core/graph/graphTypes';
import type { GraphSource } from './graphSource';

/** Tree items are concept node ids; this one groups the terms the taxonomy lacks. */
const UNPLACED = '\0unplaced';

/**
 * The "Concepts" view: the taxonomy as a tree, each concept with how many
 * notes define and mention it, opening its definition on click. Terms that
 * notes define but the taxonomy lacks hang under the concept they are
 * written under, or in a group of their own.
 */
export class ConceptsTree implements vscode.TreeDataProvider<string>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<string | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private children = new Map<string, string[]>();
  private timer: NodeJS.Timeout | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly source: GraphSource) {
    // Diffs come at most a few times a second; the tree is rebuilt at most as often.
    this.subscription = source.onDidChange(() => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.emitter.fire(undefined), 300);
    });
  }

  async getChildren(id?: string): Promise<string[]> {
    if (id === undefined) {
      await this.source.ensure();
      this.rebuild();
    }
    return this.children.get(id ?? '') ?? [];
  }

  getTreeItem(id: string): vscode.TreeItem {
    const hasChildren = (this.children.get(id)?.length ?? 0) > 0;
    const state = hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    if (id === UNPLACED) {
      const item = new vscode.TreeItem('Terms not in the taxonomy', state);
      item.iconPath = new vscode.ThemeIcon('question');
      return item;
    }
    const n = this.source.store.nodes.get(id)!;
    const item = new vscode.TreeItem(n.label, n.kind === 'field' || n.kind === 'challenge' || n.kind === 'principle' ? vscode.TreeItemCollapsibleState.Expanded : state);
    if (!hasChildren) item.collapsibleState = vscode.TreeItemCollapsibleState.None;
    item.id = id;
    item.description = `${n.definedIn ?? 0} def · ${n.mentionedIn ?? 0} mentions`;
    item.iconPath = new vscode.ThemeIcon(n.known ? (n.definedIn ? 'symbol-class' : 'symbol-namespace') : 'symbol-key');
    // Plain text: a tooltip string is never rendered as Markdown.
    item.tooltip = [n.label, n.aliases?.length ? `also: ${n.aliases.join(', ')}` : '', n.definition ?? n.description ?? '', n.path !== undefined ? `${n.definedIn ? 'Defined in' : 'Mentioned in'} ${n.path}:${(n.line ?? 0) + 1}` : 'Not in any note yet']
      .filter(Boolean)
      .join('\n');
    item.contextValue = n.path !== undefined ? 'mmnotes.concept.located' : 'mmnotes.concept';
    if (n.path !== undefined) item.command = { command: 'mmnotes.openConceptDefinition', title: 'Open Definition', arguments: [n.path, n.line ?? 0] };
    return item;
  }

  getParent(id: string): string | undefined {
    if (id === UNPLACED) return undefined;
    const n = this.source.store.nodes.get(id);
    if (!n) return undefined;
    if (n.parent && this.source.store.nodes.has(n.parent)) return n.parent;
    return n.known ? undefined : UNPLACED;
  }

  private rebuild(): void {
    const children = new Map<string, string[]>();
    const add = (parent: string, child: string) => {
      const list = children.get(parent);
      if (list) list.push(child);
      else children.set(parent, [child]);
    };
    const concepts: GraphNode[] = [];
    for (const n of this.source.store.nodes.values()) if (n.type === 'concept') concepts.push(n);
    // Taxonomy order (the order the server lists them), known concepts before terms.
    concepts.sort((a, b) => Number(!a.known) - Number(!b.known));
    for (const n of concepts) {
      const parent = n.parent && this.source.store.nodes.has(n.parent) && n.parent !== n.id ? n.parent : n.known ? '' : UNPLACED;
      add(parent, n.id);
    }
    if (children.has(UNPLACED)) add('', UNPLACED);
    this.children = children;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
