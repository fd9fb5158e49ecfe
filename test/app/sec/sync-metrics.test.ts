import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/core/message/render-text.js';
import type { Rivalry } from '../../../src/core/data/schema.js';
import { parseRivalryDocument } from '../../../src/core/data/load-rivalries.js';
import type { CompanyFacts } from '../../../src/core/sec/company-facts.js';
import { syncMetrics } from '../../../src/app/sec/sync-metrics.js';
import { syncReport } from '../../../src/app/sec/sync-report.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { factsFor, type FactsOptions } from '../../fakes/fake-sec.js';

const facts = (walmart: FactsOptions = {}) => new Map<string, CompanyFacts>([['amazon', factsFor('amazon')], ['walmart', factsFor('walmart', [], walmart)]]);
const without = (rivalry: Rivalry, metric: string): Rivalry => ({ ...rivalry, metrics: rivalry.metrics.filter((m) => m.id !== metric) });
const metric = (rivalry: Rivalry, id: string) => rivalry.metrics.find((m) => m.id === id);

describe('syncMetrics', () => {
  it('syncs every stored metric the rivalry holds, each change naming its metric', () => {
    const synced = syncMetrics(bundledRivalry(), 'amazon-vs-walmart', facts());
    expect(synced.failures).toEqual([]);
    expect(synced.added).toEqual([]);
    expect(new Set(synced.changes.map((c) => c.metric))).toEqual(new Set(['revenue', 'operating-income', 'net-income', 'capex', 'operating-cash-flow']));
    expect(synced.changes.find((c) => c.metric === 'capex' && c.company === 'Walmart' && c.fiscalLabel === 'Q2 FY2026')).toMatchObject({ kind: 'added', to: 6_394 });
    expect(metric(synced.rivalry, 'net-income')?.series.every((s) => s.points.every((p) => p.verified))).toBe(true);
    expect(parseRivalryDocument(synced.rivalry, 'synced').problems).toEqual([]);
  });

  it('adds a stored metric the rivalry lacks when SEC has it for every company, naming the concept in each definition', () => {
    const synced = syncMetrics(without(bundledRivalry(), 'capex'), 'amazon-vs-walmart', facts());
    expect(synced.added).toEqual(['capex']);
    expect(metric(synced.rivalry, 'capex')?.series.map((s) => [s.company, s.definition])).toEqual([
      ['amazon', 'capital expenditures as reported to SEC (us-gaap:PaymentsToAcquireProductiveAssets)'],
      ['walmart', 'capital expenditures as reported to SEC (us-gaap:PaymentsToAcquirePropertyPlantAndEquipment)'],
    ]);
    expect(parseRivalryDocument(synced.rivalry, 'synced').problems).toEqual([]);
    const report = renderText(syncReport({ rivalries: ['amazon-vs-walmart'], changes: synced.changes, metricsAdded: [{ rivalry: 'amazon-vs-walmart', metric: 'capex' }], warnings: synced.warnings, failures: [], written: ['amazon-vs-walmart'] }));
    expect(report).toContain('New metric: Capex (amazon-vs-walmart).');
    expect(report).toMatch(/amazon-vs-walmart · Walmart · Capex: +\+ 15 figures, FY2020–FY2026 and Q1 FY2025–Q4 FY2026 \(new metric\)/);
    expect(report).toContain('amazon-vs-walmart · Amazon · Operating income:');
  });

  it('leaves a lacking metric out when a company has no figures for it, and says so without failing', () => {
    const synced = syncMetrics(without(bundledRivalry(), 'capex'), 'amazon-vs-walmart', facts({ without: ['capex'] }));
    expect(synced.failures).toEqual([]);
    expect(metric(synced.rivalry, 'capex')).toBeUndefined();
    expect(synced.warnings).toContain('amazon-vs-walmart: Walmart: no capex (PaymentsToAcquirePropertyPlantAndEquipment, PaymentsToAcquireProductiveAssets) in its company facts');
  });

  it('keeps a held series as it is when its company has no figures, and fails on a held metric that fails the checks', () => {
    const kept = syncMetrics(bundledRivalry(), 'amazon-vs-walmart', facts({ without: ['capex'] }));
    expect(metric(kept.rivalry, 'capex')?.series[1]).toEqual(metric(bundledRivalry(), 'capex')?.series[1]);
    const broken = facts();
    for (const f of broken.get('walmart')?.facts['us-gaap']?.['PaymentsToAcquirePropertyPlantAndEquipment']?.units['USD'] ?? []) if (f.end === '2026-01-31') f.val = -f.val;
    const failed = syncMetrics(bundledRivalry(), 'amazon-vs-walmart', broken);
    expect(failed.failures).toEqual([expect.stringMatching(/^amazon-vs-walmart: Walmart FY2026 \(PaymentsToAcquirePropertyPlantAndEquipment\): negative capex/)]);
    // The same error in a metric the rivalry does not hold yet stops only that metric.
    const notHeld = syncMetrics(without(bundledRivalry(), 'capex'), 'amazon-vs-walmart', broken);
    expect(notHeld.failures).toEqual([]);
    expect(notHeld.warnings.some((w) => w.startsWith('amazon-vs-walmart: capex not added, its figures failed the checks: Walmart FY2026'))).toBe(true);
  });
});
