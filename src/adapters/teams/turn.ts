import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { CommandHandler, Origin } from '../../core/inbound.js';
import { type Activity, activitySchema, tenantOf } from './activity.js';
import type { Connector } from './connector.js';
import { type ConversationRefs, referenceOf } from './conversation-refs.js';
import { teamsOrigin } from './origin.js';
import type { Conversation, ReplyDeps } from './send-reply.js';

/** What every inbound handler needs. */
export interface InboundDeps {
  handle: CommandHandler;
  connector: Connector;
  refs: ConversationRefs;
  /** RIVALRY_ADMINS */
  admins: ReadonlySet<string>;
  renderChart?: ChartRenderer;
  log: Logger;
  /** A result not ready this soon is acknowledged at once and delivered when it is. */
  acknowledgeAfterMs: number;
}

/** One verified activity, ready to act on: who sent it, where answers go, how to post them. */
export interface Turn {
  activity: Activity;
  origin: Origin;
  /** The conversation as the activity names it: a channel thread, a chat. */
  to: Conversation;
  reply: ReplyDeps;
  log: Logger;
}

/**
 * Reads an activity the SDK let through (its token is valid; its body is still unchecked) and
 * remembers its conversation for proactive posts, before any command runs: a subscription made by
 * this activity finds the reference already stored. Undefined for an activity the bot can't use.
 */
export async function beginTurn(deps: InboundDeps, raw: unknown): Promise<Turn | undefined> {
  const parsed = activitySchema.safeParse(raw);
  if (!parsed.success) {
    deps.log.warn({ issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'activity of an unexpected shape: ignored');
    return undefined;
  }
  const activity = parsed.data;
  const tenant = tenantOf(activity);
  if (tenant === undefined) {
    deps.log.warn({ type: activity.type }, 'activity without a tenant: ignored');
    return undefined;
  }
  try {
    await deps.refs.learn(referenceOf(activity, tenant));
  } catch (err) {
    deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not store the conversation reference');
  }
  const origin = teamsOrigin({ connector: deps.connector, admins: deps.admins }, activity, tenant);
  const log = deps.log.child({ requestId: origin.requestId });
  const reply: ReplyDeps = { connector: deps.connector, log, ...(deps.renderChart === undefined ? {} : { renderChart: deps.renderChart }) };
  return { activity, origin, to: { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id }, reply, log };
}

/** Runs a delivery, logging instead of throwing: a reply that can't be posted must not fail the webhook. */
export async function logFailure(turn: Turn, what: string, deliver: () => Promise<unknown>): Promise<void> {
  try {
    await deliver();
  } catch (err) {
    turn.log.error({ err: err instanceof Error ? err.message : String(err) }, `could not ${what}`);
  }
}
