import type { Message } from '../../core/message/message.js';
import type { Schedule } from '../../core/subscriptions/schedule.js';
import type { Subscription } from '../../core/subscriptions/subscription-service.js';
import type { OutboxItem, OutboxStatus } from '../store.js';

/** SQLite rows of subscriptions and the outbox, and how they read as the store's types. */
export interface SubscriptionRow {
  id: number;
  platform: string;
  workspace_id: string;
  channel_id: string;
  rivalry: string;
  schedule: string;
  alerts_only: number;
  with_chart: number;
  metrics: string | null;
  created_by: string;
  created_at: string;
  last_slot: string | null;
  disabled_reason: string | null;
}

export interface OutboxRow {
  id: number;
  idempotency_key: string;
  subscription_id: number | null;
  platform: string;
  workspace_id: string;
  channel_id: string;
  payload: string;
  /** Set when the body is shared (outbox_payloads); `payload` is then ''. */
  payload_hash: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  uncertain: number;
  created_at: number;
}

export const metricsColumn = (metrics: readonly string[] | undefined) => (metrics === undefined ? null : JSON.stringify(metrics));

export function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    platform: r.platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    rivalry: r.rivalry,
    schedule: JSON.parse(r.schedule) as Schedule,
    alertsOnly: r.alerts_only === 1,
    withChart: r.with_chart === 1,
    ...(r.metrics === null ? {} : { metrics: JSON.parse(r.metrics) as string[] }),
    createdBy: r.created_by,
    createdAt: r.created_at,
    ...(r.last_slot === null ? {} : { lastSlot: r.last_slot }),
    ...(r.disabled_reason === null ? {} : { disabledReason: r.disabled_reason }),
  };
}

/** `shared`: the row's body when it references one (payload_hash). */
export function toItem(r: OutboxRow, shared?: Message): OutboxItem {
  return {
    id: r.id,
    key: r.idempotency_key,
    ...(r.subscription_id === null ? {} : { subscriptionId: r.subscription_id }),
    channel: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id },
    payload: shared ?? (JSON.parse(r.payload) as Message),
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    ...(r.last_error === null ? {} : { lastError: r.last_error }),
    createdAt: r.created_at,
    uncertain: r.uncertain === 1,
  };
}
