import { parse, postprocess, preprocess } from 'micromark';
import { highlightSyntax } from '../../src/core/parse/highlightSyntax';
const t = '==**b**==';
const events = postprocess(parse({ extensions: [highlightSyntax()] }).document().write(preprocess()(t, undefined, true)));
for (const [k, tok] of events) console.log(k, tok.type, tok.start.offset, tok.end.offset);
