import { describe, expect, it } from 'vitest';
import { compareLatest } from '../../../src/core/compare/compare-latest.js';
import { yearOverYear } from '../../../src/core/compare/growth.js';
import { buildScoreboard } from '../../../src/core/compare/scoreboard.js';
import { findMetric } from '../../../src/core/data/catalog.js';
import type { DataPoint, Metric } from '../../../src/core/data/schema.js';
import { detectMilestones } from '../../../src/core/milestones/detect-milestones.js';
import { formatGap, formatGrowth, thresholdStep } from '../../../src/core/metrics/format-metric.js';
import { metricsOf } from '../../../src/core/metrics/served-metrics.js';
import { runCommandText } from '../../../src/core/run-command.js';
import { bundledContext, bundledRivalry } from '../../helpers/bundled.js';

const rivalry = bundledRivalry();
const metric = (id: string): Metric => {
  const m = findMetric(rivalry, id);
  if (m === undefined) throw new Error(`no ${id}`);
  return m;
};
const point = (end: string, value: number): DataPoint => ({ fiscalLabel: `FY${end.slice(0, 4)}`, basis: 'annual', start: `${Number(end.slice(0, 4)) - 1}-01-01`, end, value, verified: true, source: { document: 'test', form: '10-K' } });

describe('metrics beyond revenue', () => {
  it('serves the stored metrics and derives margins and free cash flow, in the definitions order', () => {
    expect(metricsOf(rivalry).map((m) => m.id)).toEqual(['revenue', 'operating-income', 'net-income', 'operating-margin', 'net-margin', 'capex', 'operating-cash-flow', 'free-cash-flow']);
    expect(rivalry.metrics.map((m) => m.id)).not.toContain('operating-margin'); // never stored
  });

  it('derives a margin from the same period\'s two figures, naming both inputs and their sources', () => {
    const fy2025 = metric('operating-margin').series.find((s) => s.company === 'amazon')?.points.find((p) => p.fiscalLabel === 'FY2025');
    expect(fy2025?.value).toBeCloseTo((79_975 / 716_924) * 100, 10);
    expect(fy2025?.verified).toBe(false); // operating income FY2025 is unverified
    expect(fy2025?.note).toMatch(/^Operating income 79,975 \(.+\) ÷ Revenue 716,924 \(Form 10-K for fiscal 2025 \(net sales\)\)$/);
    const fcf = metric('free-cash-flow').series.find((s) => s.company === 'walmart')?.points.find((p) => p.fiscalLabel === 'FY2026');
    expect(fcf?.value).toBe(41_565 - 26_642);
  });

  it('compares ratios in percentage points, never as a percent of a percent', async () => {
    const c = compareLatest(rivalry, metric('operating-margin'), 'annual');
    expect(c?.gapRatio).toBeUndefined();
    const reply = await runCommandText('compare operating-margin', bundledContext());
    expect(reply.summary).toMatch(/^Amazon's annual operating margin is 7\.0 pp above Walmart's: 11\.2%† in FY2025/);
    expect(reply.fields.find((f) => f.label === 'Gap')?.value).toBe('7.0 pp');
    expect(reply.context.join('\n')).toContain('Operating margin: operating income ÷ revenue of the same period.');
  });

  it('says n/m for growth from a negative or near-zero base, and pp for ratios', () => {
    const net = [point('2021-12-31', 33_364), point('2022-12-31', -2_722), point('2023-12-31', 30_425)];
    const fromLoss = yearOverYear(net, net[2] as DataPoint, { signed: true });
    expect(fromLoss?.ratio).toBeUndefined();
    expect(formatGrowth(metric('net-income'), fromLoss ?? { change: 0, base: net[0] as DataPoint, years: 1 })).toBe('n/m');
    const tiny = [point('2022-12-31', 100), point('2023-12-31', 30_000)];
    expect(yearOverYear(tiny, tiny[1] as DataPoint, { signed: true })?.ratio).toBeUndefined();
    // Revenue that grew 80-fold is real growth: the near-zero rule is for signed metrics only.
    expect(yearOverYear(tiny, tiny[1] as DataPoint, { signed: false })?.ratio).toBeCloseTo(299, 5);
    expect(formatGrowth(metric('net-margin'), { change: 1.46, base: net[0] as DataPoint, years: 1 })).toBe('+1.5 pp');
    expect(formatGap(metric('net-margin'), -7.76)).toBe('7.8 pp');
  });

  it('announces a first loss and a return to profit, and scales thresholds to the metric', () => {
    const milestones = detectMilestones(rivalry, metric('net-income'), 'annual');
    const headlines = milestones.map((m) => m.headline);
    expect(headlines).toContain('Amazon posts a net loss: annual net income -$2.72B in FY2022, the first on record');
    expect(headlines).toContain('Amazon turns profitable: annual net income $30.4B in FY2023, the first since FY2021');
    expect(thresholdStep(metric('net-income'))).toBe(10_000); // $10B steps for profits in the tens of billions
    expect(thresholdStep(metric('revenue'))).toBe(100_000);
    expect(headlines.some((h) => /passes \$\d+B/.test(h) && !/\$(10|20|30|40|50|60|70)B/.test(h))).toBe(false);
    expect(thresholdStep(metric('operating-margin'))).toBe(5);
  });

  it('keeps a scoreboard of every metric and who leads how many', async () => {
    const board = buildScoreboard(rivalry, 'annual');
    expect(board.lines).toHaveLength(8);
    expect(board.tally.map((t) => `${t.company.name} ${t.leads}`)).toEqual(['Amazon 7', 'Walmart 1']);
    const reply = await runCommandText('scoreboard', bundledContext());
    expect(reply.summary).toBe('Amazon leads on 7 of 8 metrics, Walmart on 1.');
    expect(reply.table?.rows.find((r) => r[0] === 'Free cash flow')).toEqual(['Free cash flow', 'FY2025 / FY2026', '$7.70B†', '$14.9B†', 'Walmart', '$7.23B']);
    expect(reply.context.some((c) => c.startsWith('† unverified'))).toBe(true);
    const quarterly = await runCommandText('scoreboard quarterly', bundledContext());
    expect(quarterly.table?.rows.map((r) => r[0])).toEqual(['Revenue']);
    expect(quarterly.context.join('\n')).toContain('No quarterly period with figures from every company for operating income');
  });

  it('offers a did-you-mean for a misspelt metric', async () => {
    const reply = await runCommandText('compare capx', bundledContext());
    expect(reply.summary).toContain('Did you mean "capex"?');
  });
});
