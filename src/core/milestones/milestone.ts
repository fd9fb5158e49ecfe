import type { CompanyPoint } from '../compare/align-periods.js';
import type { Basis } from '../data/schema.js';

export type MilestoneKind = 'lead-change' | 'sign-change' | 'record' | 'threshold' | 'growth-streak' | 'streak-ended' | 'gap-streak';

/** In order of newsworthiness: listings put the first kinds first within a period. */
export const MILESTONE_KINDS: readonly MilestoneKind[] = ['lead-change', 'sign-change', 'threshold', 'gap-streak', 'growth-streak', 'streak-ended', 'record'];

/** Streak lengths worth announcing. */
export const STREAK_MARKS = [3, 5, 10, 15, 20, 25, 30, 40, 50] as const;

export interface Milestone {
  /** Stable: the same data gives the same id, so an alert is announced once. */
  id: string;
  kind: MilestoneKind;
  rivalry: string;
  metric: string;
  basis: Basis;
  /** The company the milestone is about (for a lead change, the new leader). */
  companyId: string;
  /** Period end of the newest figure involved: where the milestone sits on the timeline. */
  periodEnd: string;
  /** "Amazon FY2025 vs Walmart FY2026" or "Walmart FY2026". */
  periodLabel: string;
  headline: string;
  /** The numbers behind the headline, each with its period. */
  details: string[];
  /** False when any figure it rests on is unverified. */
  verified: boolean;
  /** Routine milestones (a record right after a record) are kept for alerts but hidden from default listings. */
  routine: boolean;
  /** The figures the milestone rests on, newest first (for sources and the verified flag). */
  figures: CompanyPoint[];
}

export function milestoneId(parts: { rivalry: string; metric: string; basis: Basis; kind: MilestoneKind; subject: string; periodEnd: string; extra?: string | number }): string {
  const base = `${parts.rivalry}/${parts.metric}/${parts.basis}/${parts.kind}/${parts.subject}/${parts.periodEnd}`;
  return parts.extra === undefined ? base : `${base}/${parts.extra}`;
}

export function allVerified(figures: readonly CompanyPoint[]): boolean {
  return figures.every((f) => f.point.verified);
}

/** Announces a streak length when it reaches one of the marks. */
export function isStreakMark(length: number): boolean {
  return (STREAK_MARKS as readonly number[]).includes(length);
}

export { basisAdjective, periodWord } from '../format/basis-words.js';
