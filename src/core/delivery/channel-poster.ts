import type { Message } from '../message/message.js';

/** What one post attempt came to, in terms the outbox acts on. */
export type PostOutcome =
  | { kind: 'ok' }
  /** Rate limited: try again after `ms`. `scope: 'global'` pauses every post to the platform. */
  | { kind: 'retry-after'; ms: number; scope: 'channel' | 'global'; reason: string }
  /** 5xx, timeout, reset: back off and retry, a bounded number of times. */
  | { kind: 'transient'; reason: string }
  /** The platform will never accept it (channel gone, bot removed…): stop, and disable the subscription. */
  | { kind: 'rejected'; reason: string };

export interface PostOptions {
  /** Unique per post; the platform sees it (Discord nonce, Slack message metadata) so a retry cannot double-post. */
  idempotencyKey: string;
  /** A previous attempt may have reached the platform (the process died mid-send): check before posting again. */
  uncertain: boolean;
  /** When the post was queued (epoch ms): how far back to look when checking. */
  queuedAt: number;
  /** The channel's workspace, for platforms with per-workspace credentials. */
  workspaceId?: string;
}

/** Each chat platform's way to post a neutral message into a channel. */
export interface ChannelPoster {
  platform: string;
  /** Minimum spacing between posts to one channel (Slack: about 1 per second). */
  perChannelIntervalMs: number;
  /** Posts per second across all channels that the platform tolerates (shared by every replica of the bot). */
  globalRatePerSecond: number;
  /** Whose rate that is: the bot's as a whole (Discord, Telegram; the default) or each workspace's (Slack limits per workspace). */
  rateScope?: 'bot' | 'workspace';
  post(channelId: string, message: Message, options: PostOptions): Promise<PostOutcome>;
}
