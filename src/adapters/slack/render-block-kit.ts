import type { types } from '@slack/bolt';

import type { Message, MessageField } from '../../core/message/message.js';
import { renderTableText } from '../../core/message/render-text.js';
import { andMore } from '../../core/message/truncate.js';
import { escapeAndTruncate, plainText } from './escape.js';
import { SLACK_LIMITS as L } from './limits.js';
import { actionBlocks } from './render-actions.js';

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type ContextBlock = types.ContextBlock;

/** What chat.postMessage / respond() take: a notification text plus the blocks. */
export interface SlackPayload {
  text: string;
  blocks: KnownBlock[];
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

function fieldText(field: MessageField, max: number): string {
  return `*${escapeAndTruncate(field.label, 200)}*\n${escapeAndTruncate(field.value, max - 210)}`;
}

/** Inline fields go side by side (10 per section); others get a section each. */
function fieldBlocks(fields: MessageField[]): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let run: MessageField[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i += L.fieldsPerSection) {
      blocks.push({ type: 'section', fields: run.slice(i, i + L.fieldsPerSection).map((f) => mrkdwn(fieldText(f, L.fieldChars))) });
    }
    run = [];
  };
  for (const field of fields) {
    if (field.inline === true) {
      run.push(field);
    } else {
      flush();
      blocks.push({ type: 'section', text: mrkdwn(fieldText(field, L.sectionTextChars)) });
    }
  }
  flush();
  return blocks;
}

/** A table as preformatted text, split into sections that each fit; rows past the budget are counted, not sent. */
function tableBlocks(message: Message, budgetChars: number): SectionBlock[] {
  if (message.table === undefined) return [];
  const fence = '```';
  const section = (lines: string[]): SectionBlock => ({ type: 'section', text: mrkdwn(`${fence}\n${lines.join('\n')}\n${fence}`) });
  const lines = renderTableText(message.table).replaceAll(fence, "'''").split('\n').map((l) => escapeAndTruncate(l, 300));
  // Leave room for the "…and N more rows" line.
  const budget = budgetChars - 100;
  const blocks: SectionBlock[] = [];
  let chunk: string[] = [];
  let closed = 0;
  let kept = 0;
  for (const line of lines) {
    if ((section([...chunk, line]).text?.text.length ?? 0) > L.sectionTextChars) {
      blocks.push(section(chunk));
      closed += blockChars(section(chunk));
      chunk = [];
    }
    if (closed + blockChars(section([...chunk, line])) > budget) break;
    chunk.push(line);
    kept += 1;
  }
  if (kept < lines.length) chunk.push(andMore(lines.length - kept, 'row'));
  if (chunk.length > 0) blocks.push(section(chunk));
  return blocks;
}

function blockChars(block: KnownBlock): number {
  return JSON.stringify(block).length;
}

const blocksChars = (blocks: readonly KnownBlock[]) => blocks.reduce((n, b) => n + blockChars(b), 0);

/**
 * Neutral message → Block Kit. Every string is escaped and every Slack limit enforced: the header,
 * summary and context (periods and sources) always survive; buttons and menus get a share (more
 * when the body is short); fields and table rows that don't fit are replaced by "…and N more".
 */
export function renderBlockKit(message: Message): SlackPayload {
  const icon = message.severity === 'error' ? '⚠️ ' : '';
  const head: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: plainText(`${icon}${message.title}`, L.headerChars), emoji: true } }];
  if (message.summary !== undefined && message.summary !== '') head.push({ type: 'section', text: mrkdwn(escapeAndTruncate(message.summary, L.sectionTextChars)) });

  const contextLines = message.context.slice(0, L.contextElements);
  if (message.context.length > L.contextElements) contextLines[L.contextElements - 1] = andMore(message.context.length - L.contextElements + 1, 'note');
  const tail: ContextBlock[] = contextLines.length === 0 ? [] : [{ type: 'context', elements: contextLines.map((c) => mrkdwn(escapeAndTruncate(c, L.contextElementChars))) }];

  const fixedChars = [...head, ...tail].reduce((n, b) => n + blockChars(b), 0);
  const available = Math.max(0, L.totalBlockChars - fixedChars - 200);
  // Buttons and menus are guaranteed their share (what they need, up to actionsChars); the body gets the rest.
  const wanted = blocksChars(actionBlocks(message.actions, { chars: available, blocks: L.actionsBlocks }));
  const bodyBudget = available - Math.min(L.actionsChars, wanted);
  const fields = fieldBlocks(message.fields);
  const fieldChars = blocksChars(fields);
  const body: KnownBlock[] = [...fields, ...tableBlocks(message, Math.max(0, bodyBudget - fieldChars))];

  // Room for the body: 50 blocks minus head, actions, tail and one "…and N more" line.
  const room = L.blocksPerMessage - head.length - (wanted > 0 ? L.actionsBlocks : 0) - tail.length - 1;
  const kept: KnownBlock[] = [];
  let chars = 0;
  for (const block of body) {
    const size = blockChars(block);
    if (kept.length >= room || chars + size > bodyBudget) break;
    kept.push(block);
    chars += size;
  }
  if (kept.length < body.length) kept.push({ type: 'context', elements: [mrkdwn(andMore(body.length - kept.length, 'section'))] });
  // What the body left unused goes to the actions too (a long menu on a short reply).
  const actions = actionBlocks(message.actions, { chars: available - blocksChars(kept), blocks: L.actionsBlocks });

  // Sources stay the footer, under the buttons.
  return { text: escapeAndTruncate(message.fallbackText, L.fallbackChars), blocks: [...head, ...kept, ...actions, ...tail] };
}
