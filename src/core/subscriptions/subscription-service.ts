import type { Schedule } from './schedule.js';

/** A channel, as every platform addresses one: platform + workspace (Slack team, Discord guild) + channel. */
export interface ChannelRef {
  platform: string;
  workspaceId: string;
  channelId: string;
}

/** What a channel asks for when it subscribes. */
export interface NewSubscription extends ChannelRef {
  rivalry: string;
  schedule: Schedule;
  /** Milestone alerts only: no scheduled digests. */
  alertsOnly: boolean;
  /** Digests carry the rivalry chart. */
  withChart: boolean;
  /** The metric ids digests and alerts cover; every metric of the rivalry when absent. */
  metrics?: string[];
  createdBy: string;
  /** ISO timestamp. */
  createdAt: string;
}

/** A stored subscription. */
export interface Subscription extends NewSubscription {
  id: number;
  /** ISO timestamp of the last digest slot handled (posted or queued). */
  lastSlot?: string;
  /** Set when delivery was refused for good (channel gone, bot removed…): no more posts until re-subscribed. */
  disabledReason?: string;
}

/**
 * What the commands need from the store. Implementations keep each workspace's subscriptions apart:
 * every call is scoped to one platform + workspace.
 */
export interface SubscriptionService {
  /**
   * Creates or replaces (and re-enables) the channel's subscription to the rivalry. The milestone ids
   * given are recorded as already known, so they are never announced to this channel as news.
   */
  subscribe(input: NewSubscription, knownMilestoneIds: readonly string[]): Promise<{ subscription: Subscription; created: boolean }>;
  unsubscribe(channel: ChannelRef, rivalry: string): Promise<boolean>;
  /** All subscriptions of one workspace (a command only ever sees its own workspace). */
  listForWorkspace(platform: string, workspaceId: string): Promise<Subscription[]>;
}
