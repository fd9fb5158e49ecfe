import type { Message } from '../core/message/message.js';
import type { CatalogStore } from './catalog-store.js';
import type { FilingsStore } from './filings-store.js';
import type { TokenStore } from './token-store.js';
import type { DigestQueue } from './digest-queue.js';
import type { OpsStore } from './ops-store.js';
import type { ChannelRef, Subscription, SubscriptionService } from '../core/subscriptions/subscription-service.js';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'rejected';

/** One post waiting to go out (or gone): the unit of exactly-once delivery. */
export interface OutboxItem {
  id: number;
  /** Unique: subscription + digest slot, or subscription + milestone ids. Also sent to the platform (nonce / metadata). */
  key: string;
  subscriptionId?: number;
  channel: ChannelRef;
  payload: Message;
  status: OutboxStatus;
  attempts: number;
  /** Epoch ms. */
  nextAttemptAt: number;
  lastError?: string;
  createdAt: number;
  /** It was being sent when the process died: the platform may already have it, so check before re-sending. */
  uncertain: boolean;
}

export interface SenderView {
  senders: number;
  /** Platform → epoch ms; only pauses still in force. */
  pausedUntil: Record<string, number>;
}

/**
 * The bot's persistent state behind one interface: SqliteStore for one process, PgStore for
 * replicas sharing PostgreSQL; one contract suite holds both to the same behaviour. Every method
 * that changes more than one row does so in one transaction. Each retry, rate limit, dead letter,
 * refusal and recovery of an outbox item is recorded in its history (`ops.outboxEvents`) by the same
 * statement batch that changes it.
 */
export interface Store extends SubscriptionService {
  /**
   * Several processes share it (PostgreSQL). Then "sending" rows at start-up may belong to a live
   * replica, so only the lease (recoverStale) takes them over, never recoverInFlight.
   */
  readonly shared: boolean;
  /** The rivalry catalog: shipped files imported, rivalries tracked from chat, their versions. */
  readonly catalog: CatalogStore;
  /** What the earnings watcher has seen in SEC filing indexes, and the lease that lets one replica poll. */
  readonly filings: FilingsStore;
  /** Button payloads too long for a platform, behind short tokens. */
  readonly tokens: TokenStore;
  /** Due digests found through an index, queued in batches with shared bodies. */
  readonly digests: DigestQueue;
  /** Outbox history, re-sends and purges, the audit trail. */
  readonly ops: OpsStore;
  /** Subscriptions not stopped, by id; a page of them after `afterId` when a limit is given (see eachActiveSubscription). */
  activeSubscriptions(page?: { afterId: number; limit: number }): Promise<Subscription[]>;
  /** How many subscriptions not stopped each platform has, without loading them. */
  activeSubscriptionCounts(): Promise<Record<string, number>>;
  /** Marks the digest slot handled and queues the post, atomically; false when the key was already queued. */
  queueDigest(subscriptionId: number, slot: string, key: string, payload: Message, now: number): Promise<boolean>;
  announcedMilestones(subscriptionId: number): Promise<Set<string>>;
  /** Records milestones as known without announcing them (too old to be news). */
  recordKnownMilestones(subscriptionId: number, milestoneIds: readonly string[], now: number): Promise<void>;
  /** Records the milestones as announced to the subscription and queues the alert, atomically. */
  queueAlert(subscriptionId: number, milestoneIds: readonly string[], key: string, payload: Message, now: number): Promise<boolean>;
  /** Due pending items, oldest first (not yet marked: the sender marks each right before posting it). */
  dueItems(now: number, limit: number): Promise<OutboxItem[]>;
  /**
   * Due pending items that no other sender holds, reserved for `owner` until `reservedUntil` (its own
   * reservations are renewed once less than half their span is left: see renewReservationBelow):
   * replicas work on disjoint items instead of racing for the same ones, and
   * a channel with a post held by another sender, even one it has just sent, is left to that sender
   * until the reservation lapses (pacing stays in one place).
   */
  reserveDue(now: number, limit: number, owner: string, reservedUntil: number): Promise<OutboxItem[]>;
  /**
   * Right before the platform calls: pending → sending, attempts + 1, for each item still pending
   * (its subscription may have stopped) and not held by another sender's live reservation (it took
   * the item over when ours lapsed: that sender now paces its channel). Returns the ids it marked;
   * the others must not be sent. One durable write for all of them: a busy sender starts dozens of
   * posts at once, and a commit per post was most of its time. Each item's reservation is extended
   * to `holdUntil` (the lease), so the channel stays with this sender while the post is in flight,
   * however slow the platform is to answer.
   */
  markSending(ids: readonly number[], now: number, owner: string, holdUntil: number): Promise<number[]>;
  /** At start-up: items left "sending" by a crash go back to pending, flagged uncertain. */
  recoverInFlight(now: number): Promise<number>;
  /**
   * Items "sending" since before `olderThan` (epoch ms) go back to pending, flagged uncertain: the
   * replica sending them died, and another one takes over.
   */
  recoverStale(olderThan: number, now: number): Promise<number>;
  /** Posted: sending → sent (in batches: the sender records several answers in one statement). */
  markSent(ids: readonly number[], now: number): Promise<void>;
  /** Back to pending until `nextAttemptAt`. A rate limit refunds the attempt: only real failures count towards dead-lettering. */
  markRetry(id: number, nextAttemptAt: number, error: string, options: { refundAttempt: boolean; now: number }): Promise<void>;
  markDead(id: number, error: string, now: number): Promise<void>;
  /** A permanent refusal: the item is rejected and its subscription disabled with the reason, atomically. */
  markRejected(id: number, reason: string, now: number): Promise<void>;
  /**
   * A sender says it is alive. Returns how many senders were seen since `liveSince` (itself
   * included), so each takes its share of a platform's rate, and the platforms paused by a global
   * rate limit, with until when, so every sender honours a pause one of them was told about.
   */
  senderHeartbeat(owner: string, now: number, liveSince: number): Promise<SenderView>;
  /**
   * A sender stops: the others take its share at their next heartbeat, and its channels from
   * `releaseAt` (its holds are cut short to then: late enough to keep each channel's spacing).
   */
  removeSender(owner: string, releaseAt: number): Promise<void>;
  /** A platform said "stop everything until `until`" (global 429): recorded for every sender. */
  pausePlatform(platform: string, until: number): Promise<void>;
  outboxCounts(): Promise<Record<OutboxStatus, number>>;
  outboxItems(status?: OutboxStatus): Promise<OutboxItem[]>;
  outboxItem(id: number): Promise<OutboxItem | undefined>;
  /** Deletes posts sent before `sentBefore` (epoch ms): their keys have done their job. Dead and refused ones stay for `outbox`. */
  pruneSent(sentBefore: number): Promise<number>;
  /** An app installation's credentials for one workspace (Slack OAuth), replacing any earlier one. */
  saveInstallation(platform: string, workspaceId: string, data: unknown, now: number): Promise<void>;
  fetchInstallation(platform: string, workspaceId: string): Promise<unknown>;
  deleteInstallation(platform: string, workspaceId: string): Promise<void>;
  /** Stops every subscription of a workspace (the app was removed from it) and rejects what it had queued. */
  disableWorkspace(platform: string, workspaceId: string, reason: string, now: number): Promise<number>;
  /** Throws when the database doesn't answer (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A sender re-reads what it holds while its posts wait for their rates: a reservation of its own that
 * ends at or after this is kept as it is (rewriting thousands of rows per read was most of a fan-out's
 * database work, and on PostgreSQL each rewrite is a new row version in every outbox index). It still
 * lapses no sooner than half a span from now. Both stores' reserveDue use it.
 */
export function renewReservationBelow(now: number, reservedUntil: number): number {
  return now + Math.floor((reservedUntil - now) / 2);
}
