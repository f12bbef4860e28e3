/**
 * The inline Markdown fixtures of a test file, read from its source with the
 * TypeScript parser: string literals, `[...].join('\n')`, `'x'.repeat(n)`,
 * `a + b`, and constants built from those. New fixtures in parse.test.ts are
 * picked up without being listed twice.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export function fixtureStrings(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const constants = new Map<string, string>();
  const numbers = new Map<string, number>();
  const found = new Set<string>();

  const number = (node: ts.Expression): number | undefined => {
    if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ''));
    if (ts.isIdentifier(node)) return numbers.get(node.text);
    return undefined;
  };

  const evaluate = (node: ts.Expression): string | undefined => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isParenthesizedExpression(node)) return evaluate(node.expression);
    if (ts.isIdentifier(node)) return constants.get(node.text);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = evaluate(node.left);
      const right = evaluate(node.right);
      return left !== undefined && right !== undefined ? left + right : undefined;
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const target = node.expression.expression;
      const [arg] = node.arguments;
      if (method === 'join' && ts.isArrayLiteralExpression(target) && arg) {
        const separator = evaluate(arg);
        const items = target.elements.map((e) => evaluate(e));
        if (separator !== undefined && items.every((i) => i !== undefined)) return items.join(separator);
      }
      if (method === 'repeat' && arg) {
        const base = evaluate(target);
        const times = number(arg);
        // Keep huge repetitions out: they test the reference's speed, not what it reads.
        if (base !== undefined && times !== undefined && base.length * times <= 200_000) return base.repeat(times);
      }
    }
    return undefined;
  };

  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const n = number(node.initializer);
      if (n !== undefined) numbers.set(node.name.text, n);
    }
    if (ts.isExpression(node) && !ts.isIdentifier(node)) {
      const value = evaluate(node);
      if (value !== undefined) found.add(value);
    }
    ts.forEachChild(node, visit);
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const value = evaluate(node.initializer);
      if (value !== undefined) constants.set(node.name.text, value);
    }
  };
  visit(source);
  return [...found];
}
