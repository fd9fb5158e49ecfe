import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { Message } from '../../core/message/message.js';
import type { Connector } from './connector.js';
import { chartActivity, renderTeamsActivity } from './render-activity.js';

/** Where a reply goes: the conversation (a channel thread, a chat) and the connector that serves it. */
export interface Conversation {
  serviceUrl: string;
  conversationId: string;
}

export interface ReplyDeps {
  connector: Connector;
  renderChart?: ChartRenderer;
  log: Logger;
}

/**
 * Posts a message as a card (answering `replyToId` when given), then its chart as an image. The card
 * is the reply: when it fails the call throws; a chart that fails after it is logged, not retried,
 * so a retry can never post the card twice. Resolves to the card activity's id (to update it later).
 */
export async function sendReply(deps: ReplyDeps, to: Conversation, message: Message, replyToId?: string): Promise<string | undefined> {
  const id = await deps.connector.send(to.serviceUrl, to.conversationId, { ...renderTeamsActivity(message), ...(replyToId === undefined ? {} : { replyToId }) });
  await sendChart(deps, to, message);
  return id;
}

/** Replaces a card the bot posted (a basis switch); its chart, if any, follows as a new image. */
export async function updateReply(deps: ReplyDeps, to: Conversation, activityId: string, message: Message): Promise<void> {
  await deps.connector.update(to.serviceUrl, to.conversationId, activityId, renderTeamsActivity(message));
  await sendChart(deps, to, message);
}

async function sendChart(deps: ReplyDeps, to: Conversation, message: Message): Promise<void> {
  try {
    const chart = await chartActivity(message, deps.renderChart);
    if (chart !== undefined) await deps.connector.send(to.serviceUrl, to.conversationId, chart);
  } catch (err) {
    deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not post the chart image');
  }
}
