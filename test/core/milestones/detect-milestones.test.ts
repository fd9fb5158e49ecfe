import { describe, expect, it } from 'vitest';
import { detectMilestones } from '../../../src/core/milestones/detect-milestones.js';
import { bundledRivalry, revenue } from '../../helpers/bundled.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';

const rivalry = bundledRivalry();
const metric = revenue(rivalry);
const annual = detectMilestones(rivalry, metric, 'annual');
const ofKind = (kind: string) => annual.filter((m) => m.kind === kind);

describe('milestone backtest on the bundled annual revenue', () => {
  it('finds exactly one lead change: Amazon FY2025 vs Walmart FY2026, the first ever', () => {
    const leads = ofKind('lead-change');
    expect(leads).toHaveLength(1);
    const [lead] = leads;
    expect(lead?.companyId).toBe('amazon');
    expect(lead?.periodLabel).toBe('Amazon FY2025 vs Walmart FY2026');
    expect(lead?.headline).toMatch(/first time on record/);
    expect(lead?.verified).toBe(true);
    expect(lead?.id).toBe('amazon-vs-walmart/revenue/annual/lead-change/amazon/2026-01-31');
  });

  it('finds every $100B threshold each company crossed, once', () => {
    const crossings = ofKind('threshold').map((m) => `${m.companyId} ${m.id.split('/').at(-1)} ${m.periodLabel.split(' ')[1]}`);
    expect(crossings.sort()).toEqual(
      [
        'amazon 100000 FY2015', 'amazon 200000 FY2018', 'amazon 300000 FY2020', 'amazon 400000 FY2021',
        'amazon 500000 FY2022', 'amazon 600000 FY2024', 'amazon 700000 FY2025',
        'walmart 300000 FY2006', 'walmart 400000 FY2009', 'walmart 500000 FY2018', 'walmart 600000 FY2023', 'walmart 700000 FY2026',
      ].sort(),
    );
    // Walmart crossed $300B between two unverified figures: the milestone says so.
    expect(ofKind('threshold').find((m) => m.id.endsWith('/300000') && m.companyId === 'walmart')?.verified).toBe(false);
  });

  it('sees Walmart\'s FY2016 dip end a 10-year growth streak, and the new 10-year streak by FY2026', () => {
    const ended = ofKind('streak-ended');
    expect(ended.map((m) => m.periodLabel)).toEqual(['Walmart FY2016']);
    expect(ended[0]?.headline).toContain('10-year growth streak');
    const walmartStreaks = ofKind('growth-streak').filter((m) => m.companyId === 'walmart').map((m) => m.periodLabel);
    expect(walmartStreaks).toContain('Walmart FY2026');
    expect(ofKind('growth-streak').find((m) => m.periodLabel === 'Walmart FY2026')?.headline).toContain('10th straight year');
  });

  it('tracks Amazon gaining ground on Walmart every year since FY2013', () => {
    const gap = ofKind('gap-streak').filter((m) => m.companyId === 'amazon').map((m) => `${m.periodLabel}: ${m.headline}`);
    expect(gap).toContain("Amazon FY2022 vs Walmart FY2023: Walmart's lead over Amazon narrows for the 10th straight year");
  });

  it('records are routine while they keep coming; Walmart\'s first record after the dip is not', () => {
    const walmartRecords = ofKind('record').filter((m) => m.companyId === 'walmart');
    expect(walmartRecords.find((m) => m.periodLabel === 'Walmart FY2017')?.routine).toBe(false);
    expect(walmartRecords.find((m) => m.periodLabel === 'Walmart FY2026')?.routine).toBe(true);
  });

  it('gives stable, unique ids: same input, same ids', () => {
    const again = detectMilestones(bundledRivalry(), metric, 'annual').map((m) => m.id);
    expect(again).toEqual(annual.map((m) => m.id));
    expect(new Set(again).size).toBe(again.length);
  });

  it('lists newest first, a lead change ahead of other milestones of its period', () => {
    expect(annual[0]?.kind).toBe('lead-change');
    const ends = annual.map((m) => m.periodEnd);
    expect([...ends].sort().reverse()).toEqual(ends);
  });
});

describe('lead changes back and forth', () => {
  it('calls the first overtaking "first time" and a later one a retake; ties change nothing', () => {
    const r = syntheticRivalry([
      { id: 'a', values: [100, 200, 200, 100, 300] },
      { id: 'b', values: [150, 150, 200, 150, 150] },
    ]);
    const leads = detectMilestones(r, revenue(r), 'annual').filter((m) => m.kind === 'lead-change');
    expect(leads.map((m) => `${m.companyId} ${m.periodLabel.split(' ')[1]} ${m.headline.includes('first time') ? 'first' : 'again'}`).reverse()).toEqual([
      'a FY2011 first',
      'b FY2013 again', // b led in FY2010: retaking, not a first
      'a FY2014 again',
    ]);
  });
});
