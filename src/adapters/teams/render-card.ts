import type { IAdaptiveCard, ITable, ITableRow } from '@microsoft/teams.cards';
import type { Message } from '../../core/message/message.js';
import { andMore, truncate } from '../../core/message/truncate.js';
import { cardActions } from './card-actions.js';
import { type CardElement, elementsBytes, jsonBytes, tableCell, tableRow, textBlock } from './card-elements.js';
import { TEAMS_LIMITS as L } from './limits.js';

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Room kept for each "…and N more" line and the commas around it. */
const NOTE_BYTES = 200;
/** Room for the notes that are added even when their section got nothing (three at most: fields, rows, choices). */
const NOTES_MARGIN = 3 * NOTE_BYTES;

const note = (text: string) => textBlock(text, { isSubtle: true, size: 'Small' });

/** A table with as many of `rows` as fit in `budget` bytes after its header rows; how many were kept. */
function fitRows(shell: ITable, header: ITableRow[], rows: ITableRow[], budget: number): { table: ITable; kept: number } {
  let used = jsonBytes({ ...shell, rows: header });
  if (used > budget) return { table: { ...shell, rows: header }, kept: -1 };
  const kept: ITableRow[] = [];
  for (const row of rows) {
    const size = jsonBytes(row) + 1;
    if (used + size > budget) break;
    kept.push(row);
    used += size;
  }
  return { table: { ...shell, rows: [...header, ...kept] }, kept: kept.length };
}

/** The fields as a two-column table ("facts"): label in bold, value beside it. Markdown-free, unlike a FactSet. */
function factElements(message: Message, budget: number): CardElement[] {
  if (message.fields.length === 0) return [];
  const rows = message.fields.map((f) => tableRow([tableCell(truncate(f.label, L.fieldLabelChars), { weight: 'Bolder' }), tableCell(truncate(f.value, L.fieldValueChars))]));
  const shell: ITable = { type: 'Table', columns: [{ width: 1 }, { width: 2 }], firstRowAsHeaders: false, showGridLines: false };
  const { table, kept } = fitRows(shell, [], rows, budget - NOTE_BYTES);
  const elements: CardElement[] = kept > 0 ? [table] : [];
  if (kept < rows.length) elements.push(note(andMore(rows.length - Math.max(kept, 0), 'field')));
  return elements;
}

/** The message's table, header row first, right-aligned columns kept right-aligned; rows past the budget are counted. */
function tableElements(message: Message, budget: number): CardElement[] {
  const source = message.table;
  if (source === undefined) return [];
  const cells = (values: readonly string[], header: boolean) => tableRow(source.columns.map((_, i) => tableCell(truncate(values[i] ?? '', L.cellChars), header ? { weight: 'Bolder' } : {})));
  const shell: ITable = {
    type: 'Table',
    columns: source.columns.map((c) => ({ width: 1, horizontalCellContentAlignment: c.align === 'right' ? 'Right' : 'Left' })),
    firstRowAsHeaders: true,
    showGridLines: false,
  };
  const { table, kept } = fitRows(shell, [cells(source.columns.map((c) => c.header), true)], source.rows.map((r) => cells(r, false)), budget - NOTE_BYTES);
  const elements: CardElement[] = kept >= 0 ? [table] : [];
  if (kept < source.rows.length) elements.push(note(andMore(source.rows.length - Math.max(kept, 0), 'row')));
  return elements;
}

/** The text caps, scaled down for a message whose text alone would not fit (long lines of wide characters). */
const caps = (scale: number) => ({
  title: Math.max(40, Math.floor(L.titleChars * scale)),
  summary: Math.floor(L.summaryChars * scale),
  context: Math.floor(L.contextChars * scale),
  fallback: Math.max(40, Math.floor(L.fallbackChars * scale)),
});

/**
 * Pure: a neutral message → an Adaptive Card (schema 1.5) within `budgetBytes`. Title, summary and
 * context lines (periods, sources) always survive, capped; buttons and menus get a share; the fields
 * and the table fill the rest, with "…and N more" for what doesn't fit. All text is in TextRuns, so
 * nothing is read as Markdown.
 */
export function renderCard(message: Message, budgetBytes: number, scale = 1): IAdaptiveCard {
  const cap = caps(scale);
  const error = message.severity === 'error';
  const head: CardElement[] = [textBlock(truncate(`${error ? '⚠️ ' : ''}${message.title}`, cap.title), { weight: 'Bolder', size: 'Medium', ...(error ? { color: 'Attention' as const } : {}) })];
  if (message.summary !== undefined && message.summary !== '' && cap.summary > 0) head.push(textBlock(truncate(message.summary, cap.summary)));
  const lines = message.context.length > L.contextLines ? [...message.context.slice(0, L.contextLines - 1), andMore(message.context.length - L.contextLines + 1, 'note')] : message.context;
  const tail = cap.context > 0 ? lines.map((c) => note(truncate(c, cap.context))) : [];

  const card = (body: CardElement[]): IAdaptiveCard => ({ type: 'AdaptiveCard', $schema: CARD_SCHEMA, version: L.cardVersion, fallbackText: truncate(message.fallbackText, cap.fallback), body });
  const fixed = jsonBytes(card([...head, ...tail]));
  // Text that alone outgrows the budget (thousands of wide characters): the same card with shorter text.
  if (fixed + NOTES_MARGIN > budgetBytes && scale > 1 / 64) return renderCard(message, budgetBytes, scale / 2);
  const available = Math.max(0, budgetBytes - fixed - NOTES_MARGIN);
  // Buttons and menus are sure of their share (what they need, up to actionsBytes); the figures get the rest.
  const wanted = elementsBytes(cardActions(message.actions, available).elements);
  const bodyBudget = available - Math.min(L.actionsBytes, wanted);
  const facts = factElements(message, bodyBudget);
  const body = [...facts, ...tableElements(message, bodyBudget - elementsBytes(facts))];
  // What the figures left unused goes to the actions too (a long menu under a short reply).
  const actions = cardActions(message.actions, available - elementsBytes(body));
  // Sources stay the footer, under the buttons.
  return card([...head, ...body, ...actions.elements, ...tail]);
}
