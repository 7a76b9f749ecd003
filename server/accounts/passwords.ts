/**
 * Passwords: argon2id (the memory-hard KDF OWASP recommends first) through the argon2
 * package, which hashes on libuv's thread pool — a sign-in never blocks the event loop.
 * Parameters: 12 MiB of memory, 3 passes, 1 lane, one of OWASP's equivalent argon2id
 * settings; about 25 ms of CPU per hash on the machines measured (npm run bench prints it).
 * The encoded hash carries its parameters, so raising them later still verifies old ones.
 */
import argon2 from 'argon2';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 12 * 1024,
  timeCost: 3,
  parallelism: 1,
} as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export const argon2Hasher: PasswordHasher = {
  hash: (password) => argon2.hash(password, ARGON2_OPTIONS),
  verify: async (hash, password) => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      // A stored value that is not an argon2 hash never matches.
      return false;
    }
  },
};

/** Why a new password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH)
    return `a password has at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `a password has at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower))
    return 'this password is one of the most common ones, which are tried first; choose another';
  if (username && lower.includes(username.toLowerCase().replace(/\s+/g, '')) && username.length >= 3)
    return 'a password must not contain the username';
  if (/^(.)\1+$/.test(password))
    return 'a password of one repeated character is guessed at once; choose another';
  return undefined;
}
