/**
 * Evidence quotes are matched against the report ignoring case and differences in
 * whitespace (a quote may be copied across a line break), nothing else.
 */
export interface TextSpan {
  start: number;
  end: number;
}

const cache = new Map<string, RegExp>();

function quotePattern(quote: string): RegExp {
  let pattern = cache.get(quote);
  if (!pattern) {
    const words = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    pattern = new RegExp(words.join('\\s+'), 'i');
    if (cache.size > 5000) cache.clear();
    cache.set(quote, pattern);
  }
  return pattern;
}

/** Where the quote first occurs in the text, or null. */
export function findQuote(text: string, quote: string): TextSpan | null {
  if (quote.trim() === '') return null;
  const match = quotePattern(quote).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}
