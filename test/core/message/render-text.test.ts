import { describe, expect, it } from 'vitest';
import { createMessage } from '../../../src/core/message/message.js';
import { renderSparklines, renderTableText, renderText } from '../../../src/core/message/render-text.js';
import { buildChartData } from '../../../src/core/charts/chart-data.js';
import { metricsOf } from '../../../src/core/metrics/served-metrics.js';
import { bundledRivalry } from '../../helpers/bundled.js';

function bundledChart(metricId: string) {
  const rivalry = bundledRivalry();
  const metric = metricsOf(rivalry).find((m) => m.id === metricId);
  if (metric === undefined) throw new Error(`no ${metricId}`);
  const chart = buildChartData(rivalry, metric, 'annual');
  if ('error' in chart) throw new Error(chart.error);
  return chart;
}

describe('renderText', () => {
  it('lays out title, summary, aligned fields, table and context', () => {
    const text = renderText(
      createMessage({
        title: 'T',
        summary: 'S',
        fields: [{ label: 'A', value: '1' }, { label: 'Longer', value: 'two\nlines' }],
        table: { columns: [{ header: 'Name', align: 'left' }, { header: 'Value', align: 'right' }], rows: [['x', '1'], ['yy', '1,000']] },
        context: ['Source: here'],
        fallbackText: 'T: S',
      }),
    );
    expect(text).toBe(['T', '', 'S', '', 'A:      1', 'Longer: two', '        lines', '', 'Name  Value', '────  ─────', 'x         1', 'yy    1,000', '', '· Source: here'].join('\n'));
  });

  it('marks errors and strips terminal escape sequences from data or user text', () => {
    const text = renderText(createMessage({ title: 'Bad \u001b[31mred\u001b[0m', severity: 'error', summary: 'bell\u0007', fallbackText: 'x' }));
    expect(text).toBe('✗ Bad red\n\nbell');
  });

  it('pads ragged rows instead of failing', () => {
    expect(renderTableText({ columns: [{ header: 'a', align: 'left' }, { header: 'b', align: 'right' }], rows: [['only']] })).toBe('a     b\n────  ─\nonly');
  });

  it('ends sparklines with values in the metric\'s unit: percent for margins, billions for money', () => {
    expect(renderSparklines(bundledChart('operating-margin')).split('\n')).toEqual([
      expect.stringMatching(/^Amazon {3}\S{7} {2}FY2019 5\.2% → FY2025 11\.2%$/),
      expect.stringMatching(/^Walmart {2}\S{7} {2}FY2020 3\.9% → FY2026 4\.2%$/),
    ]);
    expect(renderSparklines(bundledChart('net-income'))).toContain('FY2019 $11.6B → FY2025 $77.7B');
  });
});
