/**
 * The codes a tabular note points at: "gestational diabetes (O24.4-)",
 * "malignant neoplasm of lip (C00-C14)", "current child sexual abuse (T74.22, T76.22)".
 * References qualified in words ("E08-E13 with .42") are skipped rather than read too
 * broadly: a wrong Excludes1 finding is worse than none.
 */
export type CodeReference =
  | { kind: 'code'; code: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'range'; first: string; last: string };

const CODE = '[A-Z][0-9A][0-9A-Z](?:\\.[0-9A-Z]{1,4})?';
const TOKEN = new RegExp(`(${CODE})(?:-(${CODE})(?:\\.?-)?|(\\.?-))?`, 'g');

const bare = (code: string) => code.replace('.', '');

export function noteReferences(text: string): CodeReference[] {
  const refs: CodeReference[] = [];
  for (const group of text.matchAll(/\(([^()]*)\)/g)) {
    const inside = group[1];
    if (/\bwith\b|\bcharacters?\b/i.test(inside)) continue;
    for (const m of inside.matchAll(TOKEN)) {
      const [, first, last, openEnded] = m;
      if (last) refs.push({ kind: 'range', first: bare(first).slice(0, 3), last: bare(last).slice(0, 3) });
      else if (openEnded) refs.push({ kind: 'prefix', prefix: bare(first) });
      else refs.push({ kind: 'code', code: bare(first) });
    }
  }
  return refs;
}

/** Does the reference cover the code (any form)? A category or subcategory covers the codes below it. */
export function referenceCovers(ref: CodeReference, code: string): boolean {
  const key = bare(code.toUpperCase());
  switch (ref.kind) {
    case 'code':
    case 'prefix':
      return key.startsWith(ref.kind === 'code' ? ref.code : ref.prefix);
    case 'range': {
      const category = key.slice(0, 3);
      return category >= ref.first && category <= ref.last;
    }
  }
}
