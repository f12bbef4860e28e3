import { dirname } from '../../core/vault/vaultPath';

/**
 * Heading ids as VS Code's Markdown preview makes them (its githubSlugifier,
 * which copies github-slugger): lower-case, punctuation and symbols dropped,
 * each white-space character becomes '-'. Written with Unicode classes
 * instead of github-slugger's generated table; they agree on ordinary text.
 */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/**
 * A slug builder like the one VS Code passes in `env.slugifier`, for notes
 * rendered inside another: their headings must not bump the host's
 * duplicate counters, or the host's own `#heading-1` ids would shift.
 */
export function freshSlugBuilder(): { add(heading: string): { value: string; equals(o: { value: string }): boolean } } {
  const counts = new Map<string, number>();
  const slug = (value: string) => ({ value, equals: (o: { value: string }) => o.value.toLowerCase() === value.toLowerCase() });
  return {
    add(heading: string) {
      const base = headingSlug(heading);
      let count = counts.get(base);
      if (count === undefined) {
        counts.set(base, 0);
        return slug(base);
      }
      let candidate: string;
      do candidate = `${base}-${++count}`;
      while (counts.has(candidate));
      counts.set(base, count);
      counts.set(candidate, 0);
      return slug(candidate);
    },
  };
}

/**
 * Href from the previewed note to another vault file. Relative, because
 * VS Code's preview hands non-URL hrefs back to the editor, which resolves
 * them against the previewed document; every segment is percent-encoded so
 * a file name can never read as a scheme (`javascript:`) or a query.
 */
export function relativeHref(fromPath: string, toPath: string, fragment?: string): string {
  const from = dirname(fromPath).split('/').filter(Boolean);
  const to = toPath.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const parts = [...from.slice(common).map(() => '..'), ...to.slice(common)];
  const path = parts.map(encodeURIComponent).join('/');
  return fragment ? `${path}#${encodeFragment(fragment)}` : path;
}

/** `^block` stays readable; anything else a fragment cannot hold is encoded. */
export function encodeFragment(fragment: string): string {
  return encodeURIComponent(fragment).replace(/%5E/g, '^');
}

/** `javascript:`, `data:`, `https:` …: a link target that is a URL, not a vault name. */
export function hasScheme(target: string): boolean {
  return /^\s*[a-z][a-z0-9+.-]*:/i.test(target);
}

/** URIs from the host are trusted to point into the vault, but never to run script. */
export function isLoadableUri(uri: string): boolean {
  return !/^\s*(javascript|vbscript|data):/i.test(uri);
}
