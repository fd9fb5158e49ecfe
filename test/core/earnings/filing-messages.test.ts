import { describe, expect, it } from 'vitest';
import { filingIndexUrl, filingsOfInterest } from '../../../src/core/earnings/filing-index.js';
import { earningsReleasedMessage, holdsFiling, newPeriodMessage } from '../../../src/core/earnings/filing-messages.js';
import type { Rivalry } from '../../../src/core/data/schema.js';
import { bundledJson, bundledRivalry } from '../../helpers/bundled.js';
import { rivalrySchema } from '../../../src/core/data/schema.js';

const rivalry = bundledRivalry();
const walmart = rivalry.companies[1];

/** The bundled rivalry plus Walmart's Q1 FY2027 revenue, reported in a 10-Q with the given accession. */
function withNewQuarter(accession: string): Rivalry {
  const json = bundledJson();
  json.metrics[0]?.series[1]?.points.push({ fiscalLabel: 'Q1 FY2027', basis: 'quarter', start: '2026-02-01', end: '2026-04-30', value: 172_000, verified: true, source: { document: 'Form 10-Q (SEC XBRL us-gaap:Revenues)', form: '10-Q', accession, filed: '2026-05-29', concept: 'us-gaap:Revenues' } });
  return rivalrySchema.parse(json);
}

describe('SEC filing indexes', () => {
  it('keeps 8-Ks with item 2.02 and 10-Q/10-K filings, newest first, and says what is wrong with a bad index', () => {
    const parsed = filingsOfInterest({
      cik: '104169',
      filings: { recent: { accessionNumber: ['0000104169-26-000080', '0000104169-26-000079', '0000104169-26-000070', 'junk'], filingDate: ['2026-05-29', '2026-05-20', '2026-05-15', '2026-05-01'], form: ['10-Q', '8-K', '8-K', '10-Q'], items: ['', '5.02', '2.02,9.01', ''] } },
    });
    expect(parsed).toEqual({ ok: true, filings: [{ accession: '0000104169-26-000080', form: '10-Q', items: '', filed: '2026-05-29' }, { accession: '0000104169-26-000070', form: '8-K', items: '2.02,9.01', filed: '2026-05-15' }] });
    expect(filingsOfInterest({ cik: 1, filings: {} })).toEqual({ ok: false, error: 'unexpected filing index shape at filings.recent' });
    expect(filingIndexUrl('0000104169', '0000104169-26-000080')).toBe('https://www.sec.gov/Archives/edgar/data/104169/000010416926000080/0000104169-26-000080-index.htm');
  });
});

describe('earnings-day messages', () => {
  it('announces an earnings release without figures', () => {
    if (walmart === undefined) throw new Error('no Walmart');
    const message = earningsReleasedMessage(rivalry, walmart, { accession: '0000104169-26-000070', form: '8-K', items: '2.02', filed: '2026-05-15' }, 'https://example.test/filing');
    expect(message.title).toBe('Earnings released: Walmart');
    expect(message.summary).toContain('item 2.02');
    expect(JSON.stringify(message)).not.toMatch(/\$\d/);
  });

  it('puts the new quarter beside the rival\'s, saying when the rival has not reported it yet', () => {
    if (walmart === undefined) throw new Error('no Walmart');
    const filing = { accession: '0000104169-26-000080', form: '10-Q', items: '', filed: '2026-05-29' };
    expect(holdsFiling(rivalry, walmart.cik, filing.accession)).toBe(false);
    expect(newPeriodMessage(rivalry, walmart, filing, 'u', [])).toBeUndefined();
    const later = withNewQuarter(filing.accession);
    expect(holdsFiling(later, walmart.cik, filing.accession)).toBe(true);
    const message = newPeriodMessage(later, walmart, filing, 'u', []);
    expect(message?.title).toBe('New quarter: Walmart Q1 FY2027');
    expect(message?.table?.rows[0]).toEqual(['Revenue', '$172B', 'not out yet; latest $213.4B (Q4 FY2025)', '—', '']);
    expect(message?.summary).toContain('Amazon has not reported the comparable quarter yet');
  });
});
