import { parseNote } from '../../src/core/parse/parseNote';
import { markdownTree } from '../../src/core/parse/markdownTree';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { readFileSync } from 'node:fs';
const sample = readFileSync('test/fixtures/sample-note.md', 'utf8');
const time = (name: string, f: () => void) => { f(); const t0 = performance.now(); for (let i = 0; i < 20; i++) f(); console.log(name, ((performance.now() - t0) / 20).toFixed(2)); };
time('plain fromMarkdown', () => fromMarkdown(sample));
time('markdownTree', () => markdownTree(sample));
time('parseNote', () => parseNote(sample));
