import { parseNote } from '../../src/core/parse/parseNote';
import { readFileSync } from 'node:fs';
const t = process.argv[2] ? readFileSync(process.argv[2], 'utf8') : `---\r\naliases: [A, B]\r\ntags: x, #y\r\n---\r\n# Head ^h1\r\n\r\nSee [[Note#H1#H2|shown text]] and ![[img.png|100x145]] ==a **b** [[X]]== #tag/sub ^p1\r\n\r\n> [!warning]- Folded\r\n> body\r\n\r\n^q\r\n\r\n[x](other%20note.md#Heading) ![](img.png) [y](#Here) [z](http://a)\r\n`;
const m = parseNote(t);
console.log(JSON.stringify(m, (k, v) => (v && typeof v === 'object' && 'start' in v && 'end' in v && 'line' in v.start) ? `${v.start.line}:${v.start.character}-${v.end.line}:${v.end.character}` : v, 1));
