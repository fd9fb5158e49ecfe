import type { Message } from '../core/message/message.js';

/** How many shared digest bodies a store keeps parsed: a slot's fan-out reads the same few thousands of times. */
const KEPT = 256;

/**
 * Shared outbox bodies by hash, parsed once. Bodies never change once stored (the hash is of their
 * content), so a cached one is always right.
 */
export class PayloadCache {
  private readonly parsed = new Map<string, Message>();

  get(hash: string): Message | undefined {
    return this.parsed.get(hash);
  }

  set(hash: string, message: Message): void {
    if (this.parsed.size >= KEPT) this.parsed.delete(this.parsed.keys().next().value as string);
    this.parsed.set(hash, message);
  }

  /** The hashes among `hashes` not parsed yet. */
  missing(hashes: Iterable<string | null>): string[] {
    return [...new Set([...hashes].filter((h): h is string => h !== null && !this.parsed.has(h)))];
  }
}
