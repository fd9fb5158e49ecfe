import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ChannelPoster } from '../../core/delivery/channel-poster.js';
import type { OutboxItem, Store } from '../../store/store.js';
import { prepareActions } from '../actions/action-payloads.js';
import { TokenBucket } from './token-bucket.js';
import { postsTotal } from '../metrics/metrics.js';

export interface OutboxSenderOptions {
  store: Store;
  posters: readonly ChannelPoster[];
  logger: Logger;
  /** Posts in flight at once, across all platforms. */
  concurrency?: number;
  /** Transient failures (5xx, timeouts, resets) before an item is dead-lettered. Rate limits don't count. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  /** How often the outbox table is read for newly due items. */
  pollMs?: number;
  /** A post "sending" this long belongs to a replica that died: it is taken over (as uncertain). */
  leaseMs?: number;
  /** Sent posts are deleted after this long (their payloads add up: a digest is a few KB per channel). */
  retentionMs?: number;
  batch?: number;
}

/** Reserved items stay this sender's for this many polls while they wait for pacing (renewed by its reads once half is left), so a dead replica's reservations lapse quickly. */
const RESERVATION_POLLS = 10;

/**
 * While more is due than one read holds and the buffer is still well stocked, the window is re-read
 * (its reservations renewed) every this many polls rather than every poll: with a million posts queued
 * a read cost PostgreSQL ~0.7 s, two replicas took turns at it back to back, and it found nothing new
 * (whatever was queued later sorts behind the backlog). Reservations last RESERVATION_POLLS and are renewed
 * once less than half is left, so such a read still finds a few polls' margin; after a failed read the
 * sender reads every poll again until one succeeds.
 */
const BACKLOG_READ_POLLS = 3;

/** How often old sent posts are pruned (every replica may; deleting twice is harmless). */
const PRUNE_EVERY_MS = 3_600_000;

/** Posts recorded as sent in one statement at most, and the longest they wait for it. */
const SENT_BATCH = 100;
const SENT_FLUSH_MS = 25;

/**
 * A finished post wakes the loop this much later, so the slots freed meanwhile are filled in one pass
 * and marked "sending" in one write: a pass (and a durable commit) per post was most of a busy sender's time.
 */
const PASS_EVERY_MS = 10;

/** Quickest re-read of the outbox while a fan-out is larger than one batch. */
const MIN_REFILL_MS = 20;
/**
 * The most due items one read holds. A read grows towards it while everything it holds waits for its
 * rate: a fan-out ordered workspace by workspace would otherwise fill a batch with two workspaces'
 * posts, each paced at its own rate, while the other workspaces' budgets go unused.
 */
const MAX_READ = 5000;

/** An item read from the outbox and waiting for its turn, with the keys it is paced by worked out once (a pass looks at every held item). */
interface Held {
  item: OutboxItem;
  poster: ChannelPoster | undefined;
  channel: string;
  rate: string;
}

const channelKey = (item: OutboxItem) => `${item.channel.platform}:${item.channel.workspaceId}:${item.channel.channelId}`;
/** The rate an item counts against: its platform's, or its workspace's where the platform limits per workspace. */
const rateKey = (item: OutboxItem, poster: ChannelPoster) => (poster.rateScope === 'workspace' ? `${poster.platform}:${item.channel.workspaceId}` : poster.platform);

/**
 * Delivers the outbox: each item is marked "sending" right before its platform call and settled
 * right after, so a crash leaves at most the in-flight items uncertain (posters check those before
 * re-sending). Paces every channel and every platform, waits out 429s, backs off with jitter on
 * transient errors, dead-letters after `maxAttempts`, and disables a subscription on a permanent refusal.
 */
export class OutboxSender {
  private readonly posters: Map<string, ChannelPoster>;
  /** Rate buckets by rateKey, with the full rate this sender takes its share of. */
  private readonly buckets = new Map<string, { bucket: TokenBucket; fullRate: number }>();
  private readonly channelFreeAt = new Map<string, number>();
  private readonly platformPausedUntil = new Map<string, number>();
  private readonly buffer = new Map<number, Held>();
  private readonly inFlight = new Map<number, Promise<void>>();
  private lastFetch = 0;
  private lastBeat = 0;
  private lastPrune = 0;
  /** The last read filled a whole batch: more posts are probably due. */
  private moreDue = false;
  /** This sender's share of every rate: 1 / the senders alive on the store (replicas split a platform's limit). */
  private share = 1;
  /** No post before this (epoch ms): a sender joining others waits until they know of it. */
  private postsFrom = 0;
  /** Posted, not yet recorded as sent (see recordSent). */
  private readonly sentIds: number[] = [];
  private flushTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** This sender's name on the items it reserves. */
  private readonly owner = randomUUID();
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | undefined;
  private wakeTimer: NodeJS.Timeout | undefined;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly retentionMs: number;
  private readonly batch: number;
  /** Items the next read reserves: the batch, or more while held items all wait for their rates. */
  private readSize: number;
  /** The last pass found nothing it could post although more is due. */
  private starved = false;
  /** The last read of the outbox failed. */
  private readFailed = false;

  constructor(private readonly options: OutboxSenderOptions) {
    this.posters = new Map(options.posters.map((p) => [p.platform, p]));
    this.concurrency = options.concurrency ?? 16;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.backoffBaseMs = options.backoffBaseMs ?? 2000;
    this.backoffCapMs = options.backoffCapMs ?? 10 * 60_000;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.retentionMs = options.retentionMs ?? 30 * 86_400_000;
    // Reserve about two polls' worth of what this sender may post: replicas then share the due items
    // instead of one holding more than it can send before the others get any.
    const ratePerPoll = options.posters.reduce((sum, p) => sum + p.globalRatePerSecond, 0) * (this.pollMs / 1000);
    this.batch = options.batch ?? Math.min(500, Math.max(this.concurrency * 2, Math.ceil(ratePerPoll * 2)));
    this.readSize = this.batch;
  }

  async start(): Promise<void> {
    // Alone on the store, whatever is "sending" was ours when we died. Shared, it may be a live
    // replica's: the lease in the loop takes over only what has been in flight too long.
    const recovered = this.options.store.shared ? 0 : await this.options.store.recoverInFlight(Date.now());
    if (recovered > 0) this.options.logger.warn({ recovered }, 'posts were in flight when the bot last stopped: checking them before re-sending');
    // Joining other senders: say so, and give them one poll to hear it and shrink their share before
    // this one posts; otherwise, for that poll, the platform would see both at full share.
    const now = Date.now();
    await this.heartbeat(now).catch(() => undefined);
    this.lastBeat = now;
    if (this.share < 1) this.postsFrom = now + this.pollMs;
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Something was queued: look at the outbox now rather than at the next poll. */
  notify(): void {
    this.lastFetch = 0;
    this.lastBeat = 0;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loopDone;
    await Promise.all(this.inFlight.values());
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    await this.flushSent();
    // Others may take this sender's channels once the longest channel interval has passed since its last posts.
    // Best effort: if it fails, the others stop counting this sender when its heartbeat goes stale.
    const rest = Math.max(0, ...this.options.posters.map((p) => p.perChannelIntervalMs));
    await this.options.store.removeSender(this.owner, Date.now() + rest).catch(() => undefined);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let now = Date.now();
      if (now - this.lastBeat >= this.pollMs) {
        try {
          await this.beat(now);
        } catch (err) {
          this.options.logger.error({ err }, 'the sender heartbeat failed; retrying at the next poll');
        }
        now = Date.now();
      }
      // After a failed read, every poll again: the reservations it would have renewed are running out.
      const stocked = this.moreDue && this.buffer.size >= this.readSize / 4 && !this.readFailed;
      const readEvery = this.pollMs * (stocked ? BACKLOG_READ_POLLS : 1);
      const pollDue = now - this.lastFetch >= readEvery || (this.buffer.size === 0 && this.inFlight.size === 0 && this.lastFetch === 0);
      // A big fan-out can outrun one batch per poll (many workspaces, each with its own rate): read again as soon as the buffer runs low.
      const refill = this.moreDue && (this.buffer.size < this.readSize / 4 || this.starved) && now - this.lastFetch >= MIN_REFILL_MS;
      if (pollDue || refill) {
        try {
          await this.read(now);
          this.readFailed = false;
        } catch (err) {
          // The database is away for a moment: keep what is buffered, try again at the next poll.
          this.readFailed = true;
          this.options.logger.error({ err }, 'reading the outbox failed; retrying');
        }
        this.lastFetch = now;
        now = Date.now();
      }
      // The next heartbeat or read, whichever comes first (a read due later than a poll must not make every pass after the poll a busy one).
      let wakeAt = Math.min(this.lastBeat + this.pollMs, this.lastFetch + (this.readFailed ? this.pollMs : readEvery));
      if (now < this.postsFrom) {
        await this.sleep(Math.min(wakeAt, this.postsFrom) - now);
        continue;
      }
      const ready: Held[] = [];
      for (const held of this.buffer.values()) {
        if (this.inFlight.size + ready.length >= this.concurrency) break;
        const at = this.readyAt(held, now);
        if (at > now) {
          wakeAt = Math.min(wakeAt, at);
          continue;
        }
        this.buffer.delete(held.item.id);
        // Busy from now: another item of the channel further down the buffer must not go in this pass too.
        if (held.poster !== undefined) this.channelFreeAt.set(held.channel, Number.POSITIVE_INFINITY);
        ready.push(held);
      }
      if (ready.length > 0) this.dispatch(ready);
      // Room to post, nothing held may go yet, and more is due: read further ahead next time. Once a
      // read is as large as it gets, re-reading the same window cannot help: wait for its rates instead
      // (re-reading thousands of rows every few ms was most of a large fan-out's work).
      this.starved = ready.length === 0 && this.buffer.size > 0 && this.inFlight.size < this.concurrency && this.moreDue && this.readSize < MAX_READ;
      if (this.starved) {
        this.readSize = Math.min(MAX_READ, this.readSize * 2);
        wakeAt = Math.min(wakeAt, this.lastFetch + MIN_REFILL_MS);
      }
      await this.sleep(Math.max(0, wakeAt - Date.now()));
    }
  }

  /**
   * Starts posts: marks them "sending" in one write, then calls each platform. A channel is busy
   * (from the pass that picked its post) until its platform answers, then rests for its interval:
   * spacing counted from the answer holds at the platform even when a request is slow to get there.
   */
  private dispatch(ready: readonly Held[]): void {
    const now = Date.now();
    const withPoster = ready.filter((held) => held.poster !== undefined);
    const claiming = withPoster.length === 0 ? Promise.resolve([]) : this.options.store.markSending(withPoster.map((held) => held.item.id), now, this.owner, now + this.leaseMs);
    const claimed = claiming.then(
      (ids) => new Set(ids),
      (err: unknown) => {
        // The database is away: the items stay pending (and reserved by us), tried again at a later pass.
        this.options.logger.error({ err, posts: withPoster.length }, 'marking posts as sending failed; they stay queued');
        return new Set<number>();
      },
    );
    for (const { item, poster, channel, rate } of ready) {
      const sending = this.send(item, poster, claimed, () => this.buckets.get(rate)?.bucket.wentOutAt(Date.now()))
        // A database error around the post: the item stays as it was ("sending" comes back as uncertain under the lease).
        .catch((err: unknown) => this.options.logger.error({ err, outboxId: item.id }, 'recording a post failed; it will be checked before any re-send'))
        .finally(() => {
          if (poster !== undefined) {
            const rest = Date.now() + poster.perChannelIntervalMs;
            const set = this.channelFreeAt.get(channel) ?? 0; // a Retry-After may have set a later time
            this.channelFreeAt.set(channel, set === Number.POSITIVE_INFINITY ? rest : Math.max(set, rest));
          }
          this.inFlight.delete(item.id);
          this.wakeSoon();
        });
      this.inFlight.set(item.id, sending);
    }
  }

  /** Once per poll: the heartbeat, and taking over posts a dead replica left in flight. */
  private async beat(now: number): Promise<void> {
    this.lastBeat = now;
    await this.heartbeat(now);
    const taken = await this.options.store.recoverStale(now - this.leaseMs, now);
    if (taken > 0) this.options.logger.warn({ taken }, 'took over posts another replica left in flight');
  }

  /** This sender's share of the due items (and, hourly, pruning old sent posts). */
  private async read(now: number): Promise<void> {
    if (now - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now;
      const pruned = await this.options.store.pruneSent(now - this.retentionMs);
      if (pruned > 0) this.options.logger.info({ pruned }, 'deleted old sent posts from the outbox');
    }
    const reserved = await this.options.store.reserveDue(now, this.readSize, this.owner, now + this.pollMs * RESERVATION_POLLS);
    this.moreDue = reserved.length >= this.readSize;
    if (!this.moreDue) this.readSize = this.batch;
    // What the read didn't return may no longer be ours (a lapsed reservation another sender took): let it go.
    this.buffer.clear();
    for (const item of reserved) {
      if (this.inFlight.has(item.id)) continue;
      const poster = this.posters.get(item.channel.platform);
      this.buffer.set(item.id, { item, poster, channel: channelKey(item), rate: poster === undefined ? '' : rateKey(item, poster) });
    }
  }

  /** When this item may go: its channel's spacing, the platform's pause and rate. Takes a rate token when it is now. */
  private readyAt({ poster, channel, rate }: Held, now: number): number {
    if (poster === undefined) return now; // settled in send(): no poster is a permanent failure
    const blocked = Math.max(this.channelFreeAt.get(channel) ?? 0, this.platformPausedUntil.get(poster.platform) ?? 0);
    if (blocked > now) return blocked;
    let entry = this.buckets.get(rate);
    if (entry === undefined) {
      // Sharing with others, start without a burst: theirs may already have used the platform's.
      entry = { bucket: new TokenBucket(poster.globalRatePerSecond * this.share, now, this.share < 1 ? 0 : undefined), fullRate: poster.globalRatePerSecond };
      this.buckets.set(rate, entry);
    }
    return now + entry.bucket.tryTake(now);
  }

  /**
   * Tells the store this sender is alive and learns how many share the rates (so N replicas together
   * post at the platform's rate, not N times it) and which platforms another sender saw paused.
   */
  private async heartbeat(now: number): Promise<void> {
    const view = await this.options.store.senderHeartbeat(this.owner, now, now - Math.max(5000, this.pollMs * 5));
    const share = 1 / Math.max(1, view.senders);
    if (share !== this.share) {
      this.share = share;
      for (const { bucket, fullRate } of this.buckets.values()) bucket.setRate(fullRate * share);
      this.options.logger.info({ senders: view.senders }, 'senders sharing the platforms\' rates changed');
    }
    for (const [platform, until] of Object.entries(view.pausedUntil)) {
      this.platformPausedUntil.set(platform, Math.max(this.platformPausedUntil.get(platform) ?? 0, until));
    }
  }

  /**
   * Posted items are marked sent in batches, one statement per ~25 ms instead of one per post: until
   * then they stay "sending", which a crash turns into "uncertain", checked before any re-send.
   */
  private recordSent(id: number): void {
    this.sentIds.push(id);
    if (this.sentIds.length >= SENT_BATCH) void this.flushSent();
    else this.flushTimer ??= setTimeout(() => void this.flushSent(), SENT_FLUSH_MS);
  }

  private flushSent(): Promise<void> {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const ids = this.sentIds.splice(0);
    if (ids.length > 0) {
      this.flushing = this.flushing
        .then(() => this.options.store.markSent(ids, Date.now()))
        .catch((err: unknown) => this.options.logger.error({ err, posts: ids.length }, 'recording posts as sent failed; they will be checked before any re-send'));
    }
    return this.flushing;
  }

  /** A post finished: wake the loop shortly (see PASS_EVERY_MS). */
  private wakeSoon(): void {
    this.wakeTimer ??= setTimeout(() => {
      this.wakeTimer = undefined;
      this.wakeUp?.();
    }, PASS_EVERY_MS);
  }

  /** Sleeps until `ms` pass or notify()/a finished post wakes the loop. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** One post, once `claimed` (the ids marked "sending") says it is this sender's to make; `leaving` right before the platform call. */
  private async send(item: OutboxItem, poster: ChannelPoster | undefined, claimed: Promise<ReadonlySet<number>>, leaving: () => void): Promise<void> {
    const { store } = this.options;
    // Made only when there is something to say: a child logger per post cost more than the post's bookkeeping.
    const log = () => this.options.logger.child({ outboxId: item.id, key: item.key, channel: `${item.channel.platform}:${item.channel.channelId}` });
    if (poster === undefined) {
      await store.markDead(item.id, `no ${item.channel.platform} adapter is configured`, Date.now());
      postsTotal.inc({ platform: item.channel.platform, outcome: 'dead' });
      return;
    }
    if (!(await claimed).has(item.id)) return;
    const attempts = item.attempts + 1;
    let outcome;
    try {
      // Buttons get their click payloads here, in one place for every kind of post.
      const payload = await prepareActions(item.payload, store.tokens);
      leaving();
      outcome = await poster.post(item.channel.channelId, payload, { idempotencyKey: item.key, uncertain: item.uncertain || item.attempts > 0, queuedAt: item.createdAt, workspaceId: item.channel.workspaceId });
    } catch (error) {
      outcome = { kind: 'transient' as const, reason: error instanceof Error ? error.message : String(error) };
    }
    const now = Date.now();
    switch (outcome.kind) {
      case 'ok':
        this.recordSent(item.id);
        postsTotal.inc({ platform: poster.platform, outcome: 'sent' });
        if (this.options.logger.isLevelEnabled('debug')) log().debug('posted');
        return;
      case 'retry-after':
        this.channelFreeAt.set(channelKey(item), now + outcome.ms);
        if (outcome.scope === 'global') {
          this.platformPausedUntil.set(poster.platform, now + outcome.ms);
          await store.pausePlatform(poster.platform, now + outcome.ms); // every replica holds off, not just this one
        }
        await store.markRetry(item.id, now + outcome.ms, `429: ${outcome.reason}`, { refundAttempt: true, now });
        postsTotal.inc({ platform: poster.platform, outcome: 'rate-limited' });
        log().warn({ retryAfterMs: outcome.ms, scope: outcome.scope }, 'rate limited');
        return;
      case 'transient': {
        if (attempts >= this.maxAttempts) {
          await store.markDead(item.id, `gave up after ${attempts} attempts: ${outcome.reason}`, now);
          postsTotal.inc({ platform: poster.platform, outcome: 'dead' });
          log().error({ attempts, reason: outcome.reason }, 'post dead-lettered');
          return;
        }
        const delay = Math.min(this.backoffCapMs, this.backoffBaseMs * 2 ** (attempts - 1));
        const jittered = Math.round(delay / 2 + (Math.random() * delay) / 2);
        await store.markRetry(item.id, now + jittered, outcome.reason, { refundAttempt: false, now });
        postsTotal.inc({ platform: poster.platform, outcome: 'retried' });
        log().warn({ attempts, retryInMs: jittered, reason: outcome.reason }, 'post failed, will retry');
        return;
      }
      case 'rejected':
        await store.markRejected(item.id, outcome.reason, now);
        postsTotal.inc({ platform: poster.platform, outcome: 'rejected' });
        for (const { item: queued } of this.buffer.values()) if (queued.subscriptionId === item.subscriptionId) this.buffer.delete(queued.id);
        log().error({ reason: outcome.reason }, 'channel refused the post for good: subscription disabled');
        return;
    }
  }
}
