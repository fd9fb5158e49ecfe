import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageAction } from '../../../src/core/message/actions.js';
import { createMessage, type Message } from '../../../src/core/message/message.js';
import { runCommandText } from '../../../src/core/run-command.js';
import { escapeAndTruncate } from '../../../src/adapters/slack/escape.js';
import { renderBlockKit, type SlackPayload } from '../../../src/adapters/slack/render-block-kit.js';
import { contextFor } from '../../helpers/bundled.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';
import { messageViolations } from './limit-violations.js';

type AnyBlock = { type: string; elements?: Array<{ text: string }> };

/** Every Block Kit limit we promise, checked on one payload. */
function expectWithinLimits(payload: SlackPayload): void {
  expect(messageViolations(payload)).toEqual([]);
  // Nothing anyone typed or a data file held can form a Slack control sequence in what Slack displays (values and ids are not shown).
  expect(JSON.stringify(payload.blocks, (key, v: unknown) => (key === 'value' || key === 'action_id' ? undefined : v))).not.toMatch(/<[!@#]/);
  expect(payload.text).not.toMatch(/<[!@#]/);
}

describe('renderBlockKit', () => {
  it('escapes &, < and > in data and user text', async () => {
    const payload = renderBlockKit(createMessage({ title: 'A <!here> title', summary: 'Q&A <!channel> <@U123> <http://evil|click>', fields: [{ label: '<!everyone>', value: 'x > y' }], context: ['<#C1>'], fallbackText: '<!channel> ping' }));
    const all = JSON.stringify(payload);
    expect(all).toContain('Q&amp;A &lt;!channel&gt; &lt;@U123&gt; &lt;http://evil|click&gt;');
    expect(all).toContain('A ‹!here› title');
    expect(payload.text).toBe('&lt;!channel&gt; ping');
    expectWithinLimits(payload);
  });

  it('does not cut an entity in half when truncating', async () => {
    expect(escapeAndTruncate('a'.repeat(8) + '&&&&', 10)).toBe('aaaaaaaa…');
  });

  it('truncates an oversized message cleanly with "…and N more", keeping header and sources', async () => {
    const message = createMessage({
      title: 'T'.repeat(400),
      summary: 'S'.repeat(5000),
      fields: Array.from({ length: 120 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(2500), inline: i % 3 !== 0 })),
      table: { columns: [{ header: 'Period', align: 'left' }, { header: 'Value', align: 'right' }], rows: Array.from({ length: 400 }, (_, i) => [`FY${1900 + i}`, '$1.0B']) },
      context: Array.from({ length: 14 }, (_, i) => `Source ${i}`),
      fallbackText: 'F'.repeat(50_000),
    });
    const payload = renderBlockKit(message);
    expectWithinLimits(payload);
    const blocks = payload.blocks as AnyBlock[];
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.at(-1)?.elements?.[0]?.text).toBe('Source 0');
    expect(blocks.at(-1)?.elements?.at(-1)?.text).toBe('…and 5 more notes');
    expect(JSON.stringify(blocks)).toMatch(/…and \d+ more sections/);
  });

  it('keeps a long table inside the budget, counting the rows left out', async () => {
    const message = createMessage({ title: 'History', table: { columns: [{ header: 'Year', align: 'left' }], rows: Array.from({ length: 2000 }, (_, i) => [`row ${i}`]) }, fallbackText: 'History' });
    const payload = renderBlockKit(message);
    expectWithinLimits(payload);
    expect(JSON.stringify(payload.blocks)).toMatch(/…and \d+ more rows/);
  });

  const text = fc.string({ unit: 'grapheme', maxLength: 3500 });
  const run = { command: 'compare', options: {} };
  const payload = fc.string({ minLength: 1, maxLength: 2100 });
  const actions: fc.Arbitrary<MessageAction[]> = fc.array(
    fc.oneof(
      fc.record({ type: fc.constant('button' as const), id: fc.string({ maxLength: 300 }), label: fc.string({ maxLength: 200 }), run: fc.constant(run), effect: fc.constantFrom('new' as const, 'update' as const), payload: fc.option(payload, { nil: undefined }) }),
      fc.record({ type: fc.constant('form' as const), id: fc.string({ maxLength: 30 }), label: fc.string({ maxLength: 200 }), form: fc.constant('subscribe' as const), options: fc.constant({}), payload: fc.option(payload, { nil: undefined }) }),
      fc.record({
        type: fc.constant('select' as const),
        id: fc.string({ maxLength: 30 }),
        placeholder: fc.string({ maxLength: 300 }),
        effect: fc.constant('new' as const),
        choices: fc.array(fc.record({ label: fc.string({ maxLength: 200 }), run: fc.constant(run), payload: fc.option(fc.string({ minLength: 1, maxLength: 200 }), { nil: undefined }) }), { maxLength: 160 }),
      }),
    ),
    { maxLength: 60 },
  );
  const messages: fc.Arbitrary<Message> = fc.record({
    title: fc.string({ minLength: 1, maxLength: 300 }),
    summary: fc.option(text, { nil: undefined }),
    fields: fc.array(fc.record({ label: fc.string({ maxLength: 300 }), value: text, inline: fc.boolean() }), { maxLength: 40 }),
    table: fc.option(fc.record({ columns: fc.array(fc.record({ header: fc.string({ maxLength: 30 }), align: fc.constantFrom('left' as const, 'right' as const) }), { minLength: 1, maxLength: 6 }), rows: fc.array(fc.array(fc.string({ maxLength: 80 }), { maxLength: 6 }), { maxLength: 300 }) }), { nil: undefined }),
    context: fc.array(fc.string({ maxLength: 2500 }), { maxLength: 15 }),
    severity: fc.constantFrom('info' as const, 'error' as const),
    visibility: fc.constantFrom('public' as const, 'private' as const),
    fallbackText: fc.string({ minLength: 1, maxLength: 5000 }),
    actions: fc.option(actions, { nil: undefined }),
  });

  it('property: any message renders within every Block Kit limit', async () => {
    fc.assert(fc.property(messages, (m) => expectWithinLimits(renderBlockKit(m))), { numRuns: 150 });
  });

  it('property: every command on random rivalries renders within the limits', async () => {
    const company = fc.record({
      id: fc.constantFrom('alpha', 'beta', 'gamma', 'delta'),
      fyEndMonth: fc.constantFrom(1, 3, 12),
      values: fc.array(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 1, maxLength: 40 }),
      verified: fc.boolean(),
    });
    const rivalries = fc.uniqueArray(company, { minLength: 2, maxLength: 4, selector: (c) => c.id }).map((cs) => syntheticRivalry(cs.map((c) => ({ ...c, name: `${c.id} <!channel> & Co` }))));
    const commands = fc.constantFrom('compare', 'history', 'milestones all', 'milestones', 'facts', 'list', 'help', 'history since 2020');
    await fc.assert(
      fc.asyncProperty(rivalries, commands, async (rivalry, command) => {
        const reply = await runCommandText(command, contextFor([rivalry]), { onError: (e) => { throw e; } });
        expectWithinLimits(renderBlockKit(reply));
      }),
      { numRuns: 150 },
    );
  });
});
