import { SLACK_LIMITS as L } from '../../../src/adapters/slack/limits.js';

type Text = { type?: string; text: string };
type AnyElement = { type: string; action_id?: string; text?: Text; value?: string; placeholder?: Text; options?: Array<{ text: Text; value: string }>; initial_options?: unknown[] };
type AnyBlock = { type: string; text?: Text; fields?: Text[]; elements?: Array<AnyElement & Text>; label?: Text; hint?: Text; element?: AnyElement };

const len = (s: string | undefined) => [...(s ?? '')].length;

/** The limits one interactive element breaks: labels, values, options. */
function elementViolations(e: AnyElement): string[] {
  const out: string[] = [];
  if (len(e.action_id) > L.actionIdChars) out.push('action_id too long');
  if (e.type === 'button') {
    if (len(e.text?.text) > L.buttonTextChars) out.push('button text too long');
    if (len(e.value) > L.buttonValueChars) out.push('button value too long');
  }
  if (len(e.placeholder?.text) > L.placeholderChars) out.push('placeholder too long');
  if (e.options !== undefined) {
    if (e.options.length > (e.type === 'checkboxes' ? L.checkboxOptions : L.selectOptions)) out.push(`${e.options.length} options in a ${e.type}`);
    if (e.options.length === 0) out.push(`an empty ${e.type}`);
    for (const o of e.options) {
      if (len(o.text.text) > L.optionTextChars) out.push('option text too long');
      if (len(o.value) > L.optionValueChars) out.push('option value too long');
    }
  }
  return out;
}

/** Every Block Kit limit the blocks of a message or view break (empty when they fit). */
export function blockViolations(blocks: readonly unknown[]): string[] {
  const out: string[] = [];
  const actionIds = new Set<string>();
  for (const b of blocks as AnyBlock[]) {
    if (b.type === 'header' && len(b.text?.text) > L.headerChars) out.push('header too long');
    if (b.type === 'section' && b.text !== undefined && len(b.text.text) > L.sectionTextChars) out.push('section too long');
    if ((b.fields?.length ?? 0) > L.fieldsPerSection) out.push('too many fields');
    for (const f of b.fields ?? []) if (len(f.text) > L.fieldChars) out.push('field too long');
    if (b.type === 'context') {
      if ((b.elements?.length ?? 0) > L.contextElements) out.push('too many context elements');
      for (const e of b.elements ?? []) if (len(e.text) > L.contextElementChars) out.push('context element too long');
    }
    if (b.type === 'actions') {
      if ((b.elements?.length ?? 0) > L.actionsElements) out.push(`${b.elements?.length} elements in an actions block`);
      if ((b.elements?.length ?? 0) === 0) out.push('an empty actions block');
      for (const e of b.elements ?? []) {
        out.push(...elementViolations(e));
        if (e.action_id !== undefined && actionIds.has(e.action_id)) out.push(`action_id ${e.action_id} repeated`);
        if (e.action_id !== undefined) actionIds.add(e.action_id);
      }
    }
    if (b.type === 'input') {
      if (len(b.label?.text) > L.inputLabelChars) out.push('input label too long');
      if (len(b.hint?.text) > L.inputHintChars) out.push('input hint too long');
      if (b.element !== undefined) out.push(...elementViolations(b.element));
    }
  }
  return out;
}

/** Every limit a message payload ({text, blocks}) breaks. */
export function messageViolations(payload: { text: string; blocks: readonly unknown[] }): string[] {
  const out = blockViolations(payload.blocks);
  if (payload.blocks.length > L.blocksPerMessage) out.push(`${payload.blocks.length} blocks`);
  if (len(payload.text) > L.fallbackChars) out.push('fallback text too long');
  if (payload.text.length === 0) out.push('no fallback text');
  if (payload.blocks.reduce((n: number, b) => n + JSON.stringify(b).length, 0) > L.totalBlockChars) out.push('blocks too long in total');
  return out;
}

/** Every limit a modal or Home tab breaks. */
export function viewViolations(view: { type: string; blocks: readonly unknown[]; title?: Text; submit?: Text; close?: Text; private_metadata?: string }): string[] {
  const out = blockViolations(view.blocks);
  if (view.blocks.length > L.viewBlocks) out.push(`${view.blocks.length} blocks in a view`);
  for (const label of [view.title, view.submit, view.close]) if (len(label?.text) > L.viewLabelChars) out.push('view label too long');
  if (len(view.private_metadata) > L.privateMetadataChars) out.push('private_metadata too long');
  return out;
}
