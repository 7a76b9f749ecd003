import { countBy } from '../server/count-by';

describe('countBy', () => {
  it.each([
    { items: [], keys: (s: string) => [s], expected: [] },
    {
      items: ['a', 'b', 'a'],
      keys: (s: string) => [s],
      expected: [
        ['a', 2],
        ['b', 1],
      ],
    },
    {
      items: ['ab', 'b', ''],
      keys: (s: string) => s.split('').filter(Boolean),
      expected: [
        ['a', 1],
        ['b', 2],
      ],
    },
  ])('counts every key of every item, in first-seen order: $items', ({ items, keys, expected }) => {
    expect([...countBy(items, keys)]).toEqual(expected);
  });
});
