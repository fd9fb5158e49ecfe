import { z } from 'zod';

/** ISO calendar date (YYYY-MM-DD) that is also a real day of the calendar. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a real calendar date');

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lowercase letters, digits and single hyphens (e.g. "amazon-vs-walmart")')
  .max(64);

/** Where a figure comes from. A form (10-K, 10-Q…) or a URL is required; accession and filing date when known. */
export const sourceSchema = z
  .object({
    document: z.string().min(1).max(300),
    form: z.string().min(1).max(20).optional(),
    accession: z
      .string()
      .regex(/^\d{10}-\d{2}-\d{6}$/, 'expected an SEC accession number like 0000104169-26-000055')
      .optional(),
    filed: isoDate.optional(),
    concept: z.string().max(200).optional(),
    url: z.url().optional(),
  })
  .strict()
  .refine((s) => s.form !== undefined || s.url !== undefined, 'a source needs a form (e.g. "10-K") or a url');

export const dataPointSchema = z
  .object({
    fiscalLabel: z.string().min(1).max(40),
    /** Files hold annual and quarterly figures; "ttm" exists only as derived from quarters. */
    basis: z.enum(['annual', 'quarter', 'ttm']),
    start: isoDate,
    end: isoDate,
    /**
     * In the metric's scale, exactly as the source gives it: a whole number of USD millions in files
     * (losses and cash outflows are negative where the metric allows them); percent for derived ratios.
     */
    value: z.number().int('expected a whole number in the metric scale (e.g. USD millions)'),
    /** false when the figure was not confirmed against a copy of the filing: shown with an "unverified" marker. */
    verified: z.boolean(),
    source: sourceSchema,
    note: z.string().max(500).optional(),
  })
  .strict()
  .refine((p) => p.start < p.end, { message: 'period start must be before its end', path: ['end'] });

export const seriesSchema = z
  .object({
    company: slug,
    /** What the company's figure measures, e.g. "net sales" vs "total revenues". Shown next to the numbers. */
    definition: z.string().min(1).max(200),
    points: z.array(dataPointSchema).min(1),
  })
  .strict();

export const metricSchema = z
  .object({
    id: slug,
    name: z.string().min(1).max(60),
    unit: z.literal('USD', { error: 'unit must be "USD" (the only currency supported so far; ratios such as margins are derived, not stored)' }),
    scale: z.literal('millions', { error: 'scale must be "millions" (values are integers of USD millions)' }),
    kind: z.literal('flow', { error: 'kind must be "flow" (a per-period amount such as revenue)' }),
    /** Round-number step for threshold milestones, in the metric scale (100000 = every $100B); scaled to the figures when absent. */
    thresholdStep: z.number().int().positive().optional(),
    series: z.array(seriesSchema).min(2),
  })
  .strict();

export const factSchema = z
  .object({
    id: slug,
    companies: z.array(slug).min(1),
    topic: z.string().min(1).max(40),
    asOf: isoDate,
    asOfLabel: z.string().min(1).max(80),
    text: z.string().min(1).max(500),
    source: sourceSchema,
  })
  .strict();

export const companySchema = z
  .object({
    id: slug,
    name: z.string().min(1).max(80),
    ticker: z.string().regex(/^[A-Z][A-Z0-9.-]{0,9}$/, 'expected an upper-case ticker like "AMZN"'),
    cik: z.string().regex(/^\d{10}$/, 'expected a 10-digit SEC CIK with leading zeros, like "0001018724"'),
    /** Month and day the fiscal year ends, "MM-DD" (Walmart: "01-31"). */
    fiscalYearEnd: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected "MM-DD", e.g. "01-31"'),
    colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'expected a hex colour like "#FF9900"'),
    /** SEC XBRL concepts (us-gaap, without prefix) that carry this company's total revenue, tried in order. */
    revenueConcepts: z.array(z.string().regex(/^[A-Za-z]+$/, 'expected a us-gaap concept name like "Revenues"')).min(1).optional(),
    /** Per metric id: the us-gaap concepts that carry it for this company, tried in order (overrides the metric's default order). */
    concepts: z.record(slug, z.array(z.string().regex(/^[A-Za-z]+$/, 'expected a us-gaap concept name like "OperatingIncomeLoss"')).min(1)).optional(),
  })
  .strict();

export const rivalrySchema = z
  .object({
    slug,
    title: z.string().min(1).max(120),
    summary: z.string().min(1).max(500),
    companies: z.array(companySchema).min(2),
    metrics: z.array(metricSchema).min(1),
    facts: z.array(factSchema).default([]),
  })
  .strict();

export type Source = z.infer<typeof sourceSchema>;
export type DataPoint = z.infer<typeof dataPointSchema>;
export type Series = z.infer<typeof seriesSchema>;
/**
 * A metric as commands see it. Files store USD millions only; ratios (margins) are derived in the core
 * (src/core/metrics/) and carry percent values.
 */
export type Metric = Omit<z.infer<typeof metricSchema>, 'unit' | 'scale'> & { unit: 'USD' | 'percent'; scale: 'millions' | 'percent' };
export type Fact = z.infer<typeof factSchema>;
export type Company = z.infer<typeof companySchema>;
export type Rivalry = z.infer<typeof rivalrySchema>;
export type Basis = DataPoint['basis'];
