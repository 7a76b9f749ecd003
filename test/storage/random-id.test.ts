import { randomId } from '../../server/storage/random-id';

describe('randomId', () => {
  it.each([9, 12, 16])('gives %i random bytes as base64url, never the same twice across many pool refills', (bytes) => {
    const ids = Array.from({ length: 5000 }, () => randomId(bytes));
    const length = Math.ceil((bytes * 4) / 3);
    for (const id of ids) expect(id).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses an id longer than its pool', () => {
    expect(() => randomId(5000)).toThrow(RangeError);
  });
});
