/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i += 1) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[s.length] as number[])[t.length] as number;
}

/**
 * The closest candidates to what was typed: near misses by edit distance, and candidates that
 * contain the input (or are contained in it) for partial names like "amazon" → "amazon-vs-walmart".
 */
export function suggest(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase().slice(0, 64);
  if (needle.length === 0) return [];
  const limit = Math.max(2, Math.floor(needle.length / 3));
  const scored = candidates
    .map((candidate) => {
      const c = candidate.toLowerCase();
      const distance = editDistance(needle, c);
      const partial = needle.length >= 3 && (c.includes(needle) || needle.includes(c));
      return { candidate, score: distance <= limit ? distance : partial ? limit + 0.5 : Number.POSITIVE_INFINITY };
    })
    .filter((s) => Number.isFinite(s.score))
    .sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  return [...new Set(scored.map((s) => s.candidate))].slice(0, max);
}

/** ' Did you mean "compare"?' or '' */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const [best] = suggest(input, candidates, 1);
  return best === undefined ? '' : ` Did you mean "${best}"?`;
}
