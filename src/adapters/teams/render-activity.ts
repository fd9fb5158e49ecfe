import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { Message } from '../../core/message/message.js';
import { truncate } from '../../core/message/truncate.js';
import { jsonBytes } from './card-elements.js';
import { TEAMS_LIMITS as L } from './limits.js';
import { renderCard } from './render-card.js';

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** A message activity as the connector takes it: the card, and a plain summary for notifications. */
export interface CardActivity {
  type: 'message';
  /** What notifications and the activity feed show; the card's own `fallbackText` is the text version of the whole reply. */
  summary: string;
  attachments: [{ contentType: typeof ADAPTIVE_CARD; content: IAdaptiveCard }];
}

/** An image sent after a card: a chart is ~75 KB of PNG, far more than a card may carry. */
export interface ImageActivity {
  type: 'message';
  text: string;
  textFormat: 'plain';
  attachments: [{ contentType: 'image/png'; contentUrl: string; name: string }];
}

/**
 * Pure: a neutral message → the activity that carries it in Teams, an Adaptive Card plus its text
 * fallback, the whole within ~28 KB.
 */
export function renderTeamsActivity(message: Message): CardActivity {
  const summary = truncate(message.fallbackText, L.notificationChars);
  const empty: CardActivity = { type: 'message', summary, attachments: [{ contentType: ADAPTIVE_CARD, content: { type: 'AdaptiveCard', body: [] } }] };
  const card = renderCard(message, L.activityBytes - jsonBytes(empty));
  return { ...empty, attachments: [{ contentType: ADAPTIVE_CARD, content: card }] };
}

/** The message's chart as an image activity, when it has one and the bot can draw (its description as plain text). */
export async function chartActivity(message: Message, renderChart: ChartRenderer | undefined): Promise<ImageActivity | undefined> {
  if (message.chart === undefined || renderChart === undefined) return undefined;
  const png = await renderChart(message.chart);
  return {
    type: 'message',
    text: truncate(message.chart.altText, L.fallbackChars),
    textFormat: 'plain',
    attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${Buffer.from(png).toString('base64')}`, name: 'chart.png' }],
  };
}
