import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random url-safe id; 12 bytes (96 bits) make room, call and session ids unguessable. */
export function randomId(bytes = 12): string {
  return randomBytes(bytes).toString('base64url');
}

/** A random url-safe secret (192 bits) for resume secrets and session tokens. */
export function randomSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Hashes a secret so it can be stored and compared without keeping the original. */
export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}

/**
 * Compares a presented secret with a stored hash in constant time.
 * Hashing first makes both sides the same length, so the length of a guess leaks nothing either.
 */
export function secretMatches(presented: string, storedHash: Buffer): boolean {
  return timingSafeEqual(hashSecret(presented), storedHash);
}
