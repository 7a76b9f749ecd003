import { argon2Hasher, passwordHasher, passwordProblem } from '../../server/accounts/passwords';

const PASSWORD = 'correct horse battery';

describe('passwordHasher (argon2id)', () => {
  it("stores OWASP's first argon2id setting, a random salt and never the password", async () => {
    const [a, b] = await Promise.all([passwordHasher.hash(PASSWORD), passwordHasher.hash(PASSWORD)]);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toContain(PASSWORD);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await passwordHasher.hash(PASSWORD);
    expect(await passwordHasher.verify(hash, PASSWORD)).toBe(true);
    expect(await passwordHasher.verify(hash, 'correct horse battery!')).toBe(false);
  });

  it('verifies a hash made with other parameters, read from the stored value', async () => {
    const older = await argon2Hasher({
      algorithm: 2,
      memoryCost: 12 * 1024,
      timeCost: 3,
      parallelism: 1,
    }).hash(PASSWORD);
    expect(older).toMatch(/\$m=12288,t=3,p=1\$/);
    expect(await passwordHasher.verify(older, PASSWORD)).toBe(true);
  });

  it('treats the same text in another Unicode form as the same password', async () => {
    const hash = await passwordHasher.hash('caf\u00e9 au lait please');
    expect(await passwordHasher.verify(hash, 'cafe\u0301 au lait please')).toBe(true);
  });

  it.each([
    ['an empty value', ''],
    ['an argon2i hash', '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5'],
    [
      'a memory cost beyond the bound',
      '$argon2id$v=19$m=4000000,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5',
    ],
    ['a damaged hash', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$a2V5'],
    ['clear text', PASSWORD],
  ])('never matches %s', async (_, stored) => {
    expect(await passwordHasher.verify(stored, PASSWORD)).toBe(false);
  });
});

describe('passwordProblem', () => {
  it.each([
    ['a short password', 'abc123', undefined, 'at least 10'],
    ['a password too long', 'x'.repeat(150) + 'y'.repeat(51), undefined, 'at most 200'],
    ['a common password', 'password123', undefined, 'most common'],
    ['a password holding the username', 'my-alice-secret-1', 'alice', 'must not contain the username'],
    ['a password of one repeated character', 'zzzzzzzzzzzz', undefined, 'repeated character'],
  ])('refuses %s', (_, password, username, message) => {
    expect(passwordProblem(password, username)).toContain(message);
  });

  it('accepts a long uncommon passphrase', () => {
    expect(passwordProblem('violet anchor meadow', 'alice')).toBeUndefined();
  });
});
