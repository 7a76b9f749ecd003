import { randomFillSync } from 'node:crypto';

/**
 * Random ids (base64url) drawn from a pool of cryptographically random bytes refilled
 * 4 KB at a time: one call into the random source per few hundred ids, not one per id.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

export function randomId(bytes: number): string {
  if (bytes > pool.length) throw new RangeError(`an id of ${bytes} bytes is longer than the pool`);
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + bytes);
  offset += bytes;
  return id;
}
