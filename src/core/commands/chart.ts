import { buildChartData } from '../charts/chart-data.js';
import { createMessage, errorMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { basisOption, metricOption, rivalryOption, sinceOption } from './options.js';

export const chartCommand: CommandSpec = {
  name: 'chart',
  description: 'The rivalry as a picture: one line per company, the crossover marked',
  usage: 'chart [rivalry] [metric] [annual|quarterly|ttm] [since YEAR]',
  examples: ['chart amazon-vs-walmart', 'chart ttm', 'chart since 2015'],
  options: [rivalryOption, metricOption, basisOption, sinceOption],
  run({ rivalry, metric, basis, since }) {
    if (rivalry === undefined || metric === undefined) return errorMessage('Nothing to chart', 'Name a rivalry.');
    const chart = buildChartData(rivalry, metric, basis, since);
    if ('error' in chart) return errorMessage('No chart for that', chart.error, [`Try: /rivalry chart ${rivalry.slug}${basis === 'annual' ? '' : ' annual'}`]);
    return createMessage({
      title: chart.title,
      summary: chart.altText,
      context: chart.footnote,
      chart,
      accentColour: rivalry.companies[0]?.colour,
      fallbackText: chart.altText,
    });
  },
};
