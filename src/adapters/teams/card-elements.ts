import type { CardElementArray, IRichTextBlock, ITableCell, ITableRow, ITextRun } from '@microsoft/teams.cards';

/** One element of a card's body. */
export type CardElement = CardElementArray[number];

export type RunStyle = Omit<ITextRun, 'type' | 'text'>;

/**
 * Text as a RichTextBlock of one TextRun. Teams renders Markdown in TextBlocks and facts but never in
 * a TextRun, so data and user text put here cannot become a link, a list, a heading or a mention:
 * nothing needs escaping, and nothing a rivalry's name holds can ping anyone.
 */
export function textBlock(text: string, style: RunStyle = {}): IRichTextBlock {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
}

export function tableCell(text: string, style: RunStyle = {}): ITableCell {
  return { type: 'TableCell', items: [textBlock(text, style)] };
}

export function tableRow(cells: ITableCell[]): ITableRow {
  return { type: 'TableRow', cells };
}

/** Size as Teams counts it: the UTF-8 bytes of the JSON. */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** Bytes a list of elements adds to an array (each element and its comma). */
export const elementsBytes = (elements: readonly unknown[]): number => elements.reduce<number>((n, e) => n + jsonBytes(e) + 1, 0);
