import { Resvg } from '@resvg/resvg-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, chartLayout } from '../../src/charts/chart-spec.js';
import { LABEL_FONT_SIZE, LABEL_GAP, LABEL_ROW_HEIGHT, layoutLeadChangeLabels, type LabelLayout, type LeadChangeMark } from '../../src/charts/lead-change-labels.js';
import { boldLabelWidth } from '../../src/charts/label-width.js';
import { buildChartData } from '../../src/core/charts/chart-data.js';
import { bundledRivalry, revenue } from '../helpers/bundled.js';

const BOLD_FONT = new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf', import.meta.url).pathname;

/** Every way two labels, or a label and another mark's rule, could be drawn over each other. */
function collisions(layout: LabelLayout, plotWidth: number): string[] {
  const found: string[] = [];
  const labelled = layout.marks.flatMap((m) => (m.placed === undefined ? [] : [{ ...m, box: m.placed }]));
  for (const a of labelled) {
    if (a.box.left < 0 || a.box.left + a.box.width > plotWidth) found.push(`${a.label} at ${a.x} leaves the plot`);
    for (const b of labelled) {
      if (a === b) continue;
      const apart = a.box.left + a.box.width + LABEL_GAP <= b.box.left || b.box.left + b.box.width + LABEL_GAP <= a.box.left;
      if (a.box.row === b.box.row && !apart) found.push(`labels at ${a.x} and ${b.x} overlap in row ${a.box.row}`);
      // b's rule runs from b's label down: it must miss a's label in every row below b's.
      const ruleClear = b.x <= a.box.left - LABEL_GAP || b.x >= a.box.left + a.box.width + LABEL_GAP;
      if (b.box.row < a.box.row && !ruleClear) found.push(`rule at ${b.x} crosses the label at ${a.x}`);
    }
  }
  return found;
}

describe('lead-change labels', () => {
  it('keeps apart the quarterly revenue labels that used to print over each other', () => {
    const rivalry = bundledRivalry();
    const chart = buildChartData(rivalry, revenue(rivalry), 'quarter');
    if ('error' in chart) throw new Error(chart.error);
    const { labels } = chartLayout(chart);
    const at = (end: string) => labels.marks.find((m) => m.end === end);
    expect(labels.marks.map((m) => m.end).sort()).toEqual(['2024-12-31', '2025-03-31', '2025-09-30']);
    expect(labels.unlabelled).toBe(0);
    expect(collisions(labels, CHART_WIDTH)).toEqual([]);
    // Two rules about 130 px apart, each with a label of 230 px: the earlier label drops to a second row.
    expect(at('2025-03-31')?.placed?.row).toBe(0);
    expect(at('2024-12-31')?.placed?.row).toBe(1);
    expect(at('2024-12-31')?.ruleTop).toBe(LABEL_ROW_HEIGHT);
    expect(labels.stripHeight).toBeGreaterThan(2 * LABEL_FONT_SIZE);
  });

  it('staggers close lead changes and thins the rest, always labelling the latest and counting the others', () => {
    const marks: LeadChangeMark[] = [0, 1, 2, 3, 4, 5].map((i) => ({ end: `2025-0${i + 1}-01`, label: i % 2 === 0 ? 'Amazon takes the lead' : 'Walmart takes the lead', x: 500 + i * 30 }));
    const layout = layoutLeadChangeLabels(marks, CHART_WIDTH);
    expect(collisions(layout, CHART_WIDTH)).toEqual([]);
    expect(layout.marks.at(-1)?.placed).toMatchObject({ row: 0 });
    expect(layout.unlabelled).toBeGreaterThan(0);
    expect(layout.unlabelled).toBe(layout.marks.filter((m) => m.placed === undefined).length);
    // Unlabelled rules stop below the strip, clear of every label.
    for (const m of layout.marks.filter((mark) => mark.placed === undefined)) expect(m.ruleTop).toBe(layout.stripHeight);
  });

  it('never lets labels or rules overlap, whatever the lead changes, and lays them out the same every time', () => {
    const label = fc.constantFrom('Amazon takes the lead', 'Walmart takes the lead', 'Microsoft takes the lead', 'Nestlé takes the lead', 'X takes the lead');
    const marks = fc.array(fc.record({ x: fc.integer({ min: 0, max: CHART_WIDTH }), label }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(marks, (raw) => {
        const input = raw.map((m, i) => ({ ...m, end: String(i) }));
        const layout = layoutLeadChangeLabels(input, CHART_WIDTH);
        expect(collisions(layout, CHART_WIDTH)).toEqual([]);
        const latest = Math.max(...input.map((m) => m.x));
        expect(layout.marks.some((m) => m.x === latest && m.placed !== undefined)).toBe(true);
        expect(layoutLeadChangeLabels(input, CHART_WIDTH)).toEqual(layout);
      }),
    );
  });

  it('measures labels at least as wide as the bundled bold font draws them', () => {
    for (const text of ['Amazon takes the lead', 'Walmart takes the lead', 'WWW mmm iii', 'Nestlé takes the lead']) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="60"><text x="10" y="40" font-family="DejaVu Sans" font-weight="bold" font-size="${LABEL_FONT_SIZE}">${text}</text></svg>`;
      const drawn = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [BOLD_FONT], defaultFontFamily: 'DejaVu Sans' } }).getBBox();
      expect(drawn?.width).toBeGreaterThan(100); // the font was found
      const estimate = boldLabelWidth(text, LABEL_FONT_SIZE);
      expect(estimate).toBeGreaterThanOrEqual(drawn?.width ?? Infinity);
      expect(estimate).toBeLessThan((drawn?.width ?? 0) * 1.1); // close enough not to waste room
    }
  });
});
