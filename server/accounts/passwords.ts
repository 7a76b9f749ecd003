/**
 * Passwords: argon2id, the memory-hard KDF OWASP recommends first, with its first listed
 * setting (19 MiB, 2 passes, 1 lane), through @node-rs/argon2, which hashes on libuv's
 * thread pool so a sign-in never blocks the event loop. Not the `argon2` package: its
 * published Linux binary crashed Node as it loaded on the CI machines. Not Node's scrypt:
 * at OWASP's settings it costs 150–700 ms of CPU per sign-in on these cores, where argon2id
 * costs about 10 (npm run bench prints it). The encoded hash carries its parameters, so
 * raising them later still verifies the old ones.
 */
import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';
import os from 'node:os';
import { concurrencyLimit } from '../concurrency-limit';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

// The package declares its algorithms as a const enum, which isolated modules cannot read.
const ARGON2ID: Algorithm.Argon2id = 2;

export const OWASP_ARGON2ID: Options = {
  algorithm: ARGON2ID,
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
};

/**
 * A stored hash is verified only when it is argon2id with at most this much memory (KiB),
 * so that a tampered record cannot make one sign-in take the server's memory.
 */
const MAX_STORED_MEMORY_KIB = 256 * 1024;
const STORED = /^\$argon2id\$v=19\$m=(\d{1,7}),t=\d{1,2},p=\d{1,2}\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/**
 * As many hashes at once as there are cores less one (at least one), so that the event loop
 * keeps a core: a class signing in together queues for the KDF instead of starving every
 * other request.
 */
export const HASHES_AT_ONCE = Math.max(1, os.availableParallelism() - 1);

export function argon2Hasher(
  options: Options = OWASP_ARGON2ID,
  hashesAtOnce = HASHES_AT_ONCE,
): PasswordHasher {
  const limited = concurrencyLimit(hashesAtOnce);
  return {
    hash: (password) => limited(() => hash(password.normalize('NFC'), options)),
    verify: async (stored, password) => {
      // A stored value that is not such a hash never matches.
      const match = STORED.exec(stored);
      if (!match || Number(match[1]) > MAX_STORED_MEMORY_KIB) return false;
      try {
        return await limited(() => verify(stored, password.normalize('NFC')));
      } catch {
        return false;
      }
    },
  };
}

export const passwordHasher = argon2Hasher();

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
