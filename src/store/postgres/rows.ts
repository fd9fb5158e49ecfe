import type { Message } from '../../core/message/message.js';
import type { Schedule } from '../../core/subscriptions/schedule.js';
import type { Subscription } from '../../core/subscriptions/subscription-service.js';
import type { OutboxItem, OutboxStatus } from '../store.js';

/** PostgreSQL rows of subscriptions and the outbox, and how they read as the store's types. */
export interface SubscriptionRow {
  id: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  rivalry: string;
  schedule: Schedule;
  alerts_only: boolean;
  with_chart: boolean;
  metrics: string[] | null;
  created_by: string;
  created_at: string;
  last_slot: string | null;
  disabled_reason: string | null;
}

export interface OutboxRow {
  id: string;
  idempotency_key: string;
  subscription_id: string | null;
  platform: string;
  workspace_id: string;
  channel_id: string;
  /** Null when the body is shared (payload_hash). */
  payload: Message | null;
  payload_hash: string | null;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  uncertain: boolean;
  created_at: string;
}

export const toSubscription = (r: SubscriptionRow): Subscription => ({
  id: Number(r.id),
  platform: r.platform,
  workspaceId: r.workspace_id,
  channelId: r.channel_id,
  rivalry: r.rivalry,
  schedule: r.schedule,
  alertsOnly: r.alerts_only,
  withChart: r.with_chart,
  ...(r.metrics === null ? {} : { metrics: r.metrics }),
  createdBy: r.created_by,
  createdAt: r.created_at,
  ...(r.last_slot === null ? {} : { lastSlot: r.last_slot }),
  ...(r.disabled_reason === null ? {} : { disabledReason: r.disabled_reason }),
});

/** `shared`: the row's body when it references one (payload_hash). */
export const toItem = (r: OutboxRow, shared?: Message): OutboxItem => ({
  id: Number(r.id),
  key: r.idempotency_key,
  ...(r.subscription_id === null ? {} : { subscriptionId: Number(r.subscription_id) }),
  channel: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id },
  payload: shared ?? (r.payload as Message),
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: Number(r.next_attempt_at),
  ...(r.last_error === null ? {} : { lastError: r.last_error }),
  createdAt: Number(r.created_at),
  uncertain: r.uncertain,
});
