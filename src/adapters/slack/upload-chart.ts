import type { webApi } from '@slack/bolt';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { Message } from '../../core/message/message.js';
import { truncate } from '../../core/message/truncate.js';
import { escapeMrkdwn } from './escape.js';
import { SLACK_ERROR_HINTS } from './errors.js';

/**
 * Uploads the message's chart into the channel with the files upload v2 flow, the message text as
 * its comment and the chart's one-sentence description as alt text. Returns what went wrong, if anything.
 */
export async function uploadChart(client: webApi.WebClient, channel: string, message: Message, renderChart: ChartRenderer, token?: string): Promise<string | undefined> {
  const chart = message.chart;
  if (chart === undefined) return undefined;
  try {
    const png = await renderChart(chart);
    await client.files.uploadV2({
      ...(token === undefined ? {} : { token }),
      channel_id: channel,
      file: Buffer.from(png),
      filename: chart.filename,
      title: chart.title,
      alt_text: truncate(chart.altText, 1000),
      initial_comment: escapeMrkdwn(truncate(message.fallbackText, 3000)),
    });
    return undefined;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    return code === undefined ? (error instanceof Error ? error.message : String(error)) : `${code}${SLACK_ERROR_HINTS[code] === undefined ? '' : `: ${SLACK_ERROR_HINTS[code]}`}`;
  }
}
