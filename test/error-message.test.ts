import { errorMessage } from '../server/error-message';

describe('errorMessage', () => {
  it.each([
    [new Error('disk full'), 'disk full'],
    [new SyntaxError('Unexpected token'), 'Unexpected token'],
    ['a thrown string', 'a thrown string'],
    [42, '42'],
    [undefined, 'undefined'],
  ])('%p → %p', (error, expected) => {
    expect(errorMessage(error)).toBe(expected);
  });
});
