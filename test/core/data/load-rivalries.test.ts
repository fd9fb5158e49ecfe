import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeProblem, loadRivalryDir, parseRivalryText } from '../../../src/core/data/load-rivalries.js';
import { bundledJson } from '../../helpers/bundled.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rivalries-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Problems for one mutated copy of the bundled file, as printed. */
function problemsAfter(mutate: (json: ReturnType<typeof bundledJson>) => void): string[] {
  const json = bundledJson();
  mutate(json);
  return parseRivalryText(JSON.stringify(json), 'r.json').problems.map(describeProblem);
}

const amazonPoints = (json: ReturnType<typeof bundledJson>) => json.metrics[0]?.series[0]?.points ?? [];

describe('rivalry data validation', () => {
  it('accepts the bundled file', () => {
    const { rivalries, problems } = loadRivalryDir(join(import.meta.dirname, '../../../data/rivalries'));
    expect(problems).toEqual([]);
    expect(rivalries.map((r) => r.slug)).toEqual(['amazon-vs-walmart']);
  });

  it('names the line and column of broken JSON', () => {
    const [problem] = parseRivalryText('{\n  "slug": "x",\n  oops\n}', 'bad.json').problems;
    expect(describeProblem(problem as never)).toMatch(/^bad\.json: not valid JSON: .* at line 3, column 3$/);
  });

  it('names the JSON path of a missing field', () => {
    expect(problemsAfter((j) => delete amazonPoints(j)[3]?.['value'])).toEqual(['r.json at metrics[0].series[0].points[3].value: missing required field (expected number)']);
  });

  it('rejects fractional values and wrong units, saying what is accepted', () => {
    expect(problemsAfter((j) => ((amazonPoints(j)[0] as Record<string, unknown>)['value'] = 6921.5))[0]).toContain('points[0].value: expected a whole number');
    expect(problemsAfter((j) => ((j.metrics[0] as Record<string, unknown>)['unit'] = 'EUR'))).toEqual(['r.json at metrics[0].unit: unit must be "USD" (the only currency supported so far; ratios such as margins are derived, not stored)']);
  });

  it('rejects unsorted and overlapping periods', () => {
    const unsorted = problemsAfter((j) => {
      const pts = amazonPoints(j);
      [pts[1], pts[2]] = [pts[2] as Record<string, unknown>, pts[1] as Record<string, unknown>];
    });
    expect(unsorted.some((p) => p.includes('points[2].end: annual points must be sorted by period'))).toBe(true);
    const overlapping = problemsAfter((j) => {
      const p = amazonPoints(j)[1] as Record<string, unknown>;
      p['start'] = '2004-12-01';
      p['end'] = '2005-11-30';
    });
    expect(overlapping.some((p) => p.includes('points[1].start: FY2005 (2004-12-01..2005-11-30) overlaps FY2004'))).toBe(true);
  });

  it('rejects an annual period that is not a year, and a series for an unknown company', () => {
    expect(problemsAfter((j) => ((amazonPoints(j)[0] as Record<string, unknown>)['start'] = '2004-07-01'))[0]).toContain('must span about one year');
    expect(problemsAfter((j) => ((j.metrics[0]?.series[0] as Record<string, unknown>)['company'] = 'amzn'))).toContain(
      'r.json at metrics[0].series[0].company: unknown company "amzn"; companies in this file: "amazon", "walmart"',
    );
  });

  it('reports every problem in every file, and a duplicate slug across files', () => {
    const good = JSON.stringify(bundledJson());
    const json = bundledJson();
    delete amazonPoints(json)[0]?.['source'];
    (json as Record<string, unknown>)['extra'] = true;
    const dir = dirWith({ 'a.json': good, 'b.json': good, 'c.json': JSON.stringify(json), 'd.json': '[' });
    const { rivalries, problems } = loadRivalryDir(dir);
    expect(rivalries).toHaveLength(1);
    expect(problems.map(describeProblem)).toEqual([
      'b.json at slug: duplicate slug "amazon-vs-walmart", already used by a.json',
      'c.json at metrics[0].series[0].points[0].source: missing required field (expected object)',
      'c.json: unknown field(s) "extra"',
      expect.stringMatching(/^d\.json: not valid JSON/),
    ]);
  });

  it('reports a missing directory and an empty one', () => {
    expect(loadRivalryDir('/nonexistent/rivalries').problems[0]?.message).toContain('rivalry directory not found');
    expect(loadRivalryDir(dirWith({})).problems[0]?.message).toContain('no rivalry files');
  });
});
