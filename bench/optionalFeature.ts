// Features are called through a loose shape on purpose: their signatures may still change.
export type LooseFn = (...args: any[]) => any;

/**
 * An exported function of `src/core/features/<file>.ts`, or undefined when
 * that file or export does not exist yet: the bench must run while features
 * are still being written. (esbuild bundles every file the pattern matches.)
 */
export async function optionalFeature(file: string, exportName: string): Promise<LooseFn | undefined> {
  try {
    const mod = (await import(`../src/core/features/${file}.ts`)) as Record<string, unknown>;
    const fn = mod[exportName];
    return typeof fn === 'function' ? (fn as LooseFn) : undefined;
  } catch {
    return undefined;
  }
}
