import type { Basis } from '../data/schema.js';

/** "annual revenue", "quarterly revenue", "trailing-twelve-month revenue". */
export function basisAdjective(basis: Basis): string {
  return basis === 'annual' ? 'annual' : basis === 'quarter' ? 'quarterly' : 'trailing-twelve-month';
}

/** The step between two periods of a basis: TTM windows move a quarter at a time. */
export function periodWord(basis: Basis, n: number): string {
  const word = basis === 'annual' ? 'year' : 'quarter';
  return n === 1 ? word : `${word}s`;
}

/** "fiscal years", "fiscal quarters", "trailing-twelve-month windows". */
export function periodsNoun(basis: Basis): string {
  return basis === 'annual' ? 'fiscal years' : basis === 'quarter' ? 'fiscal quarters' : 'trailing-twelve-month windows';
}
