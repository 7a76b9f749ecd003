/**
 * A function's results for the most recent distinct keys it was called with; the oldest
 * is forgotten first once `capacity` are kept. For pure functions of a key that requests
 * repeat (a session's nonce, a browser's Cookie header), so that each costs once.
 */
export function boundedMemo<T>(compute: (key: string) => T, capacity: number): (key: string) => T {
  const kept = new Map<string, T>();
  return (key) => {
    if (kept.has(key)) return kept.get(key) as T;
    const value = compute(key);
    if (kept.size >= capacity) kept.delete(kept.keys().next().value as string);
    kept.set(key, value);
    return value;
  };
}
