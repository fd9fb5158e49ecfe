import { z } from 'zod';
import { REVENUE_CONCEPTS } from '../metrics/metric-definitions.js';

/** One reported value, as SEC's company-facts API lists it. `fy`/`fp` describe the filing, not the period. */
export const secFactSchema = z.object({
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  val: z.number(),
  accn: z.string().min(1),
  fy: z.number().nullable().optional(),
  fp: z.string().nullable().optional(),
  form: z.string().min(1),
  filed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  frame: z.string().optional(),
});

export const companyFactsSchema = z.object({
  cik: z.union([z.number(), z.string()]),
  entityName: z.string(),
  facts: z.record(z.string(), z.record(z.string(), z.object({ label: z.string().nullable().optional(), units: z.record(z.string(), z.array(secFactSchema)) }))),
});

export type SecFact = z.infer<typeof secFactSchema>;
export type CompanyFacts = z.infer<typeof companyFactsSchema>;

/** The reported total-revenue concepts, in the order tried when a company names none of its own. */
export const DEFAULT_REVENUE_CONCEPTS = REVENUE_CONCEPTS;
