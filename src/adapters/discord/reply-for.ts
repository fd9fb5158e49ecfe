import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { Message } from '../../core/message/message.js';
import { renderEmbeds, type DiscordReply } from './render-embeds.js';

/** The reply for a message: its embed and components, plus the chart as an attachment when there is one. */
export async function replyFor(message: Message, renderChart: ChartRenderer | undefined): Promise<DiscordReply> {
  const reply = renderEmbeds(message);
  if (message.chart === undefined || renderChart === undefined) {
    if (message.chart !== undefined) for (const e of reply.embeds) delete e.image;
    return reply;
  }
  const data = await renderChart(message.chart);
  return { ...reply, files: [{ name: message.chart.filename, data, description: message.chart.altText.slice(0, 1024) }] };
}
