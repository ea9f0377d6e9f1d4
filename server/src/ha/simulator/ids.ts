/** Ids HA generates: ULID context ids (26 chars, Crockford base32) and random hex ids. */
import { randomBytes, randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** ULID: 10 characters of 48-bit millisecond time, 16 of randomness. */
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const BASE = 32;
/**
 * Random bytes for ULIDs, filled a page at a time: a call to the kernel per context id costs more
 * than the rest of a simulated service call (a burst of 200 calls spent ~13 µs each on it).
 */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

function randomChars(count: number): string {
  if (poolAt + count > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let out = '';
  for (let i = 0; i < count; i++) out += CROCKFORD[pool[poolAt + i]! % BASE]!;
  poolAt += count;
  return out;
}

/** A ULID for `time` (epoch ms), as HA's `ulid_now()` makes for every context. */
export function ulid(time: number): string {
  let out = '';
  let t = Math.floor(time);
  for (let i = 0; i < TIME_CHARS; i++) {
    out = CROCKFORD[t % BASE]! + out;
    t = Math.floor(t / BASE);
  }
  return out + randomChars(RANDOM_CHARS);
}

/** 16 random bytes = 32 hex characters. */
const HEX_ID_BYTES = 16;

/** 32 hex characters, like HA's `random_uuid_hex()` (notification ids, user ids). */
export function randomHex(): string {
  return randomBytes(HEX_ID_BYTES).toString('hex');
}

/** HA's ISO format: microseconds and `+00:00` (`2025-01-05T18:02:11.123000+00:00`). */
export function haIso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}
