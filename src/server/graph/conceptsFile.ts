import { promises as fs, unwatchFile, watchFile } from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { TaxonomyProblem } from '../../core/concepts/conceptSpec';

/**
 * The vault's concepts file on disk. It sits in `.mmnotes/`, which the index
 * never reads, so it is watched here; polling one file's stat is cheap and,
 * unlike fs.watch, survives the file being deleted and created again (as
 * editors do when they save by rename).
 */
export class ConceptsFile {
  private text: string | undefined;

  constructor(
    readonly fsPath: string,
    private readonly onChange: (text: string | undefined) => void,
  ) {}

  /** The text last read (undefined when there is no file). */
  get current(): string | undefined {
    return this.text;
  }

  async read(): Promise<string | undefined> {
    try {
      this.text = await fs.readFile(this.fsPath, 'utf8');
    } catch {
      this.text = undefined; // no file, or unreadable: the built-in taxonomy alone
    }
    return this.text;
  }

  watch(intervalMs = 1000): { dispose(): void } {
    const listener = async () => {
      const before = this.text;
      if ((await this.read()) !== before) this.onChange(this.text);
    };
    watchFile(this.fsPath, { interval: intervalMs, persistent: false }, listener);
    return { dispose: () => unwatchFile(this.fsPath, listener) };
  }
}

/** Taxonomy problems as LSP diagnostics on the concepts file. */
export function problemDiagnostics(problems: readonly TaxonomyProblem[]): Diagnostic[] {
  return problems.map((p) => ({
    range: p.range,
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: 'mmnotes',
    code: `concepts-${p.code}`,
    message: p.message,
  }));
}
