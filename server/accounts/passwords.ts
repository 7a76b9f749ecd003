/**
 * Passwords: scrypt, the memory-hard KDF in Node's own crypto module, with one of OWASP's
 * equivalent scrypt settings (N=2^14, r=8, p=5: 16 MiB per hash). It hashes on libuv's
 * thread pool, so a sign-in never blocks the event loop, and it needs no native package:
 * the argon2 package's published Linux binary crashed Node on load on the CI machines.
 * The stored value carries its parameters ($scrypt$ln=14,r=8,p=5$salt$key), so raising
 * them later still verifies the old ones; npm run bench prints the cost per hash.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import os from 'node:os';
import { concurrencyLimit } from '../concurrency-limit';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export interface ScryptCost {
  /** log2 of N, the CPU and memory cost. */
  ln: number;
  r: number;
  p: number;
}

export const OWASP_SCRYPT: ScryptCost = { ln: 14, r: 8, p: 5 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Bounds on parameters read back from a stored hash: enough for any setting OWASP lists,
// small enough that a tampered record cannot make one sign-in take the server's memory.
const MAX_LN = 20;
const MAX_R = 32;
const MAX_P = 64;
const MAX_MEMORY = 512 * 1024 * 1024;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

function deriveKey(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** cost.ln,
    r: cost.r,
    p: cost.p,
    // scrypt needs 128·N·r bytes; Node refuses more than 32 MiB unless told.
    maxmem: 256 * 2 ** cost.ln * cost.r,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

const ENCODED = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface Decoded {
  cost: ScryptCost;
  salt: Buffer;
  key: Buffer;
}

/** A stored hash taken apart, or undefined when it is not one this module wrote. */
export function decodeHash(encoded: string): Decoded | undefined {
  const match = ENCODED.exec(encoded);
  if (!match) return undefined;
  const cost = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (cost.ln < 1 || cost.ln > MAX_LN || cost.r < 1 || cost.r > MAX_R || cost.p < 1 || cost.p > MAX_P)
    return undefined;
  if (128 * 2 ** cost.ln * cost.r > MAX_MEMORY) return undefined;
  const salt = Buffer.from(match[4], 'base64');
  const key = Buffer.from(match[5], 'base64');
  if (salt.length < 8 || salt.length > 64 || key.length < 16 || key.length > 64) return undefined;
  return { cost, salt, key };
}

/**
 * As many hashes at once as there are cores less one (at least one), so that the event loop
 * keeps a core: a class signing in together queues for the KDF instead of starving every
 * other request.
 */
export const HASHES_AT_ONCE = Math.max(1, os.availableParallelism() - 1);

export function scryptHasher(cost: ScryptCost = OWASP_SCRYPT, hashesAtOnce = HASHES_AT_ONCE): PasswordHasher {
  const limited = concurrencyLimit(hashesAtOnce);
  const derive = (password: string, salt: Buffer, use: ScryptCost, length: number) =>
    limited(() => deriveKey(password, salt, use, length));
  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      const key = await derive(password, salt, cost, KEY_BYTES);
      const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');
      return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
    },
    async verify(encoded, password) {
      // A stored value that is not such a hash never matches.
      const decoded = decodeHash(encoded);
      if (!decoded) return false;
      const key = await derive(password, decoded.salt, decoded.cost, decoded.key.length);
      return timingSafeEqual(key, decoded.key);
    },
  };
}

export const passwordHasher = scryptHasher();

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
