import { boundedMemo } from '../../server/web/bounded-memo';

describe('boundedMemo', () => {
  it('computes once per key, and again for a key it had to forget', () => {
    const computed: string[] = [];
    const upper = boundedMemo((key) => {
      computed.push(key);
      return key.toUpperCase();
    }, 2);
    expect(['a', 'b', 'a', 'c', 'b', 'a'].map(upper)).toEqual(['A', 'B', 'A', 'C', 'B', 'A']);
    // 'a' and 'b' are kept; 'c' pushes out 'a' (the oldest), so 'a' is computed again.
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
