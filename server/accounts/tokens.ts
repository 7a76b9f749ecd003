/**
 * Secrets handed to a client — session cookies, API tokens, reset links — are random
 * bytes; the store keeps only their SHA-256, so a copy of the data cannot be used to sign
 * in. SHA-256 suffices here (unlike passwords): the secrets are long and random.
 */
import { createHash, randomBytes } from 'node:crypto';

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Ids of records: hex, so they never begin with a character a spreadsheet reads as a formula. */
export function newId(bytes = 10): string {
  return randomBytes(bytes).toString('hex');
}

/** A cohort's join code: 8 characters a person can read aloud and type (no 0/O, 1/I/L). */
export function newJoinCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

export const API_TOKEN_PREFIX = 'hnd_';
