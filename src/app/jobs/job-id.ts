import { createHash } from 'node:crypto';

/**
 * A job id derived from a key (a digest slot, a data version): pg-boss inserts with ON CONFLICT DO
 * NOTHING, so every replica that sends the same key creates one job between them.
 */
export function jobIdFor(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  // UUID layout, version 8 ("custom") with the RFC 9562 variant bits.
  const variant = ((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
