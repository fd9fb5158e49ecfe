import { z } from 'zod';

/**
 * SEC's per-company filing index (data.sec.gov/submissions/CIK##########.json): `filings.recent`
 * holds parallel arrays, newest first. Only the fields the watcher reads are checked.
 */
const recentSchema = z.object({
  accessionNumber: z.array(z.string()),
  filingDate: z.array(z.string()),
  reportDate: z.array(z.string()).optional(),
  form: z.array(z.string()),
  items: z.array(z.string()).optional(),
});

export const filingIndexSchema = z.object({
  cik: z.union([z.string(), z.number()]),
  name: z.string().optional(),
  filings: z.object({ recent: recentSchema }),
});

export interface IndexedFiling {
  accession: string;
  form: string;
  items: string;
  filed: string;
  reportDate?: string;
}

/** The forms that mean news for a rivalry: results announced (8-K item 2.02) and new figures (10-Q, 10-K). */
export const isEarningsRelease = (f: Pick<IndexedFiling, 'form' | 'items'>) => f.form === '8-K' && f.items.split(',').map((i) => i.trim()).includes('2.02');
export const isPeriodicReport = (f: Pick<IndexedFiling, 'form'>) => f.form === '10-Q' || f.form === '10-K';

/** The filings of interest in an index, or what is wrong with the index. */
export function filingsOfInterest(json: unknown): { ok: true; filings: IndexedFiling[] } | { ok: false; error: string } {
  const parsed = filingIndexSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `unexpected filing index shape at ${parsed.error.issues[0]?.path.join('.') ?? '?'}` };
  const r = parsed.data.filings.recent;
  const filings: IndexedFiling[] = r.accessionNumber.map((accession, i) => {
    const reportDate = r.reportDate?.[i];
    return { accession, form: r.form[i] ?? '', items: r.items?.[i] ?? '', filed: r.filingDate[i] ?? '', ...(reportDate === undefined || reportDate === '' ? {} : { reportDate }) };
  });
  return { ok: true, filings: filings.filter((f) => /^\d{10}-\d{2}-\d{6}$/.test(f.accession) && (isEarningsRelease(f) || isPeriodicReport(f))) };
}

/** The filing's index page on EDGAR, where people read it. */
export function filingIndexUrl(cik: string, accession: string): string {
  return `https://www.sec.gov/Archives/edgar/data/${Number(cik)}/${accession.replace(/-/g, '')}/${accession}-index.htm`;
}
