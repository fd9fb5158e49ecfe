import type { AuditLog } from '../core/audit/audit-log.js';

/** Outbox statuses of posts not sent (every OutboxStatus but 'sent'). */
export type BacklogStatus = 'pending' | 'sending' | 'dead' | 'rejected';
export const BACKLOG_STATUSES: readonly BacklogStatus[] = ['pending', 'sending', 'dead', 'rejected'];

/** What happened to an outbox item on its way out, besides being queued and sent. */
export type OutboxEventKind = 'retry' | 'rate-limited' | 'dead' | 'rejected' | 'recovered' | 'requeued';

export interface OutboxEvent {
  /** Epoch ms. */
  at: number;
  kind: OutboxEventKind;
  /** The item's attempt count when it happened. */
  attempt: number;
  /** The platform's error, the reason, or who re-queued it. */
  detail?: string;
}

/** Which dead items to re-send: the ids given, or every dead one (of a platform, dead since a time). */
export interface RetryFilter {
  ids?: readonly number[];
  platform?: string;
  /** Epoch ms: only items that went dead at or after it. */
  since?: number;
}

export interface RetryResult {
  requeued: number[];
  /** Items named by id that were left alone, and why. */
  skipped: Array<{ id: number; reason: string }>;
}

/**
 * What an operator needs from the store: the history of a post, re-sending dead ones, clearing out
 * refused ones, the audit trail, and the figures /metrics reports.
 */
export interface OpsStore extends AuditLog {
  /** Oldest first. */
  outboxEvents(id: number): Promise<OutboxEvent[]>;
  /**
   * Dead items back to pending with their original keys, attempts reset and flagged uncertain (the
   * last attempt may have landed; the sender checks where the platform allows). Each item moves
   * once, however many operators run it at the same time; each move is recorded as an event and in
   * the audit trail, in the same transaction. Items whose subscription is gone or stopped stay dead.
   */
  retryDead(filter: RetryFilter, now: number, actor: string): Promise<RetryResult>;
  /** Deletes refused items queued before `before` (epoch ms), with their history; one audit entry. */
  purgeRejected(before: number, now: number, actor: string): Promise<number>;
  /**
   * Items not sent by status (pending, sending, dead, rejected): read through the status index, so a
   * scrape costs the backlog, not the month of sent posts the outbox keeps.
   */
  outboxBacklog(): Promise<Record<BacklogStatus, number>>;
  /** Epoch ms the oldest item not yet sent (pending or in flight) was queued; undefined when there is none. */
  oldestPendingQueuedAt(): Promise<number | undefined>;
  /** Delivery senders (one per replica) heard from since `since` (epoch ms). */
  liveSenders(since: number): Promise<number>;
}

/** Why a dead item can't be re-sent, or undefined when it can. */
export function retryRefusal(row: { status: string; subscription_id: unknown; subscription_exists: unknown; disabled_reason: string | null } | undefined): string | undefined {
  if (row === undefined) return 'no such outbox item';
  if (row.status !== 'dead') return `it is ${row.status}, not dead`;
  if (row.subscription_id === null || !row.subscription_exists) return 'its subscription was removed (unsubscribed): nothing to send it for';
  if (row.disabled_reason !== null) return `its subscription is stopped (${row.disabled_reason}): re-subscribe first`;
  return undefined;
}
