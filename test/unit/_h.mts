import { markdownTree } from '../../src/core/parse/markdownTree';
for (const t of ['==a==', 'x ==a b== y', '==a **b** [[X]]==', '==**bold**==', 'a ==[[Note]]== b']) {
  const tree = markdownTree(t);
  console.log(JSON.stringify(t), JSON.stringify(tree.children[0], (k, v) => k === 'position' ? undefined : v));
}
