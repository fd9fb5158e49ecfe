import type { RespondArguments, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { Message } from '../../core/message/message.js';
import { escapeMrkdwn } from './escape.js';
import { renderBlockKit } from './render-block-kit.js';
import { uploadChart } from './upload-chart.js';

export interface ReplyTarget {
  /** Bolt's respond(): posts to the request's response_url. */
  respond: RespondFn;
  client: webApi.WebClient;
  /** Where a chart is uploaded. */
  channelId: string;
  renderChart?: ChartRenderer;
  log: Logger;
}

/**
 * How a reply lands: a new message (in the channel or only for the asker, as its visibility says), or
 * in place of the message a button was on. `undefined` for slash commands, which have no original.
 */
export type Placement = 'new' | 'replace' | undefined;

function respondArguments(message: Message, placement: Placement): RespondArguments {
  const payload = renderBlockKit(message);
  if (placement === 'replace') return { ...payload, replace_original: true };
  const responseType = message.visibility === 'public' ? 'in_channel' : 'ephemeral';
  return { ...payload, response_type: responseType, ...(placement === 'new' ? { replace_original: false } : {}) };
}

/**
 * Delivers a reply through response_url, then attaches its chart as a file (public replies only: an
 * upload is always visible to the whole channel). Never throws: what cannot be delivered is logged.
 */
export async function sendReply(target: ReplyTarget, message: Message, placement: Placement): Promise<void> {
  const { respond, client, channelId, renderChart, log } = target;
  try {
    await respond(respondArguments(message, placement));
    log.info({ severity: message.severity, visibility: message.visibility, placement: placement ?? 'new' }, 'replied');
  } catch (err) {
    // response_url answers 404 once expired (30 min) or used up (5 replies); nobody can be told in chat.
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not deliver the reply to response_url');
    return;
  }
  if (message.chart === undefined || message.visibility !== 'public' || renderChart === undefined) return;
  const problem = await uploadChart(client, channelId, message, renderChart);
  if (problem !== undefined) {
    log.warn({ problem }, 'chart not attached');
    await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(`The chart could not be attached: ${problem}`) }).catch(() => undefined);
  }
}
