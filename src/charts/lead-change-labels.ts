import { boldLabelWidth } from './label-width.js';

/**
 * Where lead-change labels go. They sit in a strip above the plotted values, in rows: each label
 * beside its dashed rule, which runs from the label's row down through the plot. Labels are placed
 * latest first; one that would touch a placed label or cross a placed rule moves to the rule's other
 * side, then a row down, and when no row is free it is left out (its rule stays, shorter, and the
 * chart says how many are unlabelled). Pure arithmetic on pixels: the same marks give the same layout.
 */

export const LABEL_FONT_SIZE = 18;
/** Height of one row of labels in the strip. */
export const LABEL_ROW_HEIGHT = 26;
/** More rows than this would push the plot down too far; beyond it labels are thinned instead. */
export const MAX_LABEL_ROWS = 3;
/** Space between a label and its rule. */
export const RULE_GAP = 8;
/** Least space between two labels, or between a label and another rule. */
export const LABEL_GAP = 12;
/** Space between the strip and the top of the plotted values. */
const STRIP_MARGIN = 6;

export interface LeadChangeMark {
  end: string;
  label: string;
  /** The rule's position from the plot's left edge, in pixels. */
  x: number;
}

export interface PlacedLabel {
  row: number;
  side: 'left' | 'right';
  /** The label's box, in pixels from the plot's top-left corner. */
  left: number;
  top: number;
  width: number;
}

export interface LaidOutMark extends LeadChangeMark {
  /** Undefined when the label was left out for want of room. */
  placed?: PlacedLabel;
  /** Where the rule starts, in pixels from the plot's top: at its label's row, or below the strip. */
  ruleTop: number;
}

export interface LabelLayout {
  marks: LaidOutMark[];
  /** Height of the strip the labels take above the plotted values (0 without labels). */
  stripHeight: number;
  unlabelled: number;
}

interface Candidate {
  row: number;
  side: 'left' | 'right';
  left: number;
  right: number;
  x: number;
}

/** Two spans closer than the gap, or overlapping. */
const near = (a0: number, a1: number, b0: number, b1: number) => a0 < b1 + LABEL_GAP && b0 < a1 + LABEL_GAP;

/** A label clashes with a placed one in its row, or with a rule that passes through its row (a rule runs from its label's row down). */
function clashes(c: Candidate, placed: readonly Candidate[]): boolean {
  return placed.some(
    (p) =>
      (p.row === c.row && near(c.left, c.right, p.left, p.right)) ||
      (p.row < c.row && near(c.left, c.right, p.x, p.x)) ||
      (c.row < p.row && near(p.left, p.right, c.x, c.x)),
  );
}

export function layoutLeadChangeLabels(marks: readonly LeadChangeMark[], plotWidth: number): LabelLayout {
  const placed = new Map<LeadChangeMark, Candidate>();
  // Latest first, so the current state of the rivalry is always labelled.
  const latestFirst = [...marks].sort((a, b) => b.x - a.x);
  for (const mark of latestFirst) {
    const width = boldLabelWidth(mark.label, LABEL_FONT_SIZE);
    const candidates: Candidate[] = [];
    for (let row = 0; row < MAX_LABEL_ROWS; row += 1) {
      // Left of the rule first: the label reads up to the moment the lead changes.
      const leftSide = mark.x - RULE_GAP - width;
      candidates.push({ row, side: 'left', left: leftSide, right: leftSide + width, x: mark.x });
      candidates.push({ row, side: 'right', left: mark.x + RULE_GAP, right: mark.x + RULE_GAP + width, x: mark.x });
    }
    const taken = [...placed.values()];
    const fit = candidates.find((c) => c.left >= 0 && c.right <= plotWidth && !clashes(c, taken));
    if (fit !== undefined) placed.set(mark, fit);
  }
  const rows = Math.max(0, ...[...placed.values()].map((c) => c.row + 1));
  const stripHeight = rows === 0 ? 0 : rows * LABEL_ROW_HEIGHT + STRIP_MARGIN;
  return {
    marks: marks.map((mark) => {
      const c = placed.get(mark);
      if (c === undefined) return { ...mark, ruleTop: stripHeight };
      const top = c.row * LABEL_ROW_HEIGHT;
      return { ...mark, placed: { row: c.row, side: c.side, left: c.left, top, width: c.right - c.left }, ruleTop: top };
    }),
    stripHeight,
    unlabelled: marks.length - placed.size,
  };
}
