import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmbeds, type DiscordReply } from '../../../src/adapters/discord/render-embeds.js';
import { DISCORD_LIMITS as L } from '../../../src/adapters/discord/limits.js';
import { createMessage, type Message } from '../../../src/core/message/message.js';
import { runCommandText } from '../../../src/core/run-command.js';
import { contextFor } from '../../helpers/bundled.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';

const len = (s: string | undefined) => [...(s ?? '')].length;

function expectWithinLimits(reply: DiscordReply): void {
  expect(reply.allowed_mentions).toEqual({ parse: [] });
  expect(reply.embeds.length).toBeGreaterThan(0);
  expect(reply.embeds.length).toBeLessThanOrEqual(L.embedsPerMessage);
  expect(len(reply.content)).toBeLessThanOrEqual(L.contentChars);
  for (const e of reply.embeds) {
    expect(len(e.title)).toBeLessThanOrEqual(L.titleChars);
    expect(len(e.description)).toBeLessThanOrEqual(L.descriptionChars);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(L.fieldsPerEmbed);
    for (const f of e.fields ?? []) {
      expect(len(f.name)).toBeGreaterThan(0);
      expect(len(f.name)).toBeLessThanOrEqual(L.fieldNameChars);
      expect(len(f.value)).toBeGreaterThan(0);
      expect(len(f.value)).toBeLessThanOrEqual(L.fieldValueChars);
    }
    expect(len(e.footer?.text)).toBeLessThanOrEqual(L.footerChars);
    const total = len(e.title) + len(e.description) + len(e.footer?.text) + (e.fields ?? []).reduce((n, f) => n + len(f.name) + len(f.value), 0);
    expect(total).toBeLessThanOrEqual(L.embedTotalChars);
    // Mention syntax from data or users never survives intact where Discord renders it.
    const rendered = JSON.stringify([e.title, e.description, e.fields]);
    expect(rendered).not.toMatch(/@(everyone|here)/i);
    expect(rendered).not.toMatch(/<@&?\d|<#\d/);
  }
}

describe('renderEmbeds', () => {
  it('escapes markdown and breaks mentions in data text', async () => {
    const reply = renderEmbeds(createMessage({ title: '@everyone *bold*', summary: 'ping <@123456> and <@&42> in <#9> @here', fields: [{ label: '__x__', value: '`code`' }], fallbackText: 'x' }));
    expectWithinLimits(reply);
    expect(reply.embeds[0]?.title).toBe('@\u200beveryone \\*bold\\*');
    expect(reply.embeds[0]?.description).toContain('<\u200b@123456>');
  });

  it('marks errors red and private', async () => {
    const reply = renderEmbeds(createMessage({ title: 'Oops', severity: 'error', visibility: 'private', fallbackText: 'Oops' }));
    expect(reply.embeds[0]?.color).toBe(0xed4245);
    expect(reply.flags).toBe(64);
  });

  it('truncates an oversized message cleanly, keeping title and footer', async () => {
    const reply = renderEmbeds(
      createMessage({
        title: 'T'.repeat(500),
        summary: 'S'.repeat(5000),
        fields: Array.from({ length: 60 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2000) })),
        table: { columns: [{ header: 'Y', align: 'left' }], rows: Array.from({ length: 500 }, (_, i) => [`row ${i}`]) },
        context: ['Sources: here'],
        fallbackText: 'x',
      }),
    );
    expectWithinLimits(reply);
    expect(reply.embeds[0]?.footer?.text).toBe('Sources: here');
    expect(reply.embeds[0]?.fields?.at(-1)?.value).toMatch(/^…and \d+ more fields$/);
  });

  const messages: fc.Arbitrary<Message> = fc.record({
    title: fc.string({ minLength: 1, maxLength: 400 }),
    summary: fc.option(fc.string({ unit: 'grapheme', maxLength: 5000 }), { nil: undefined }),
    fields: fc.array(fc.record({ label: fc.string({ maxLength: 300 }), value: fc.string({ maxLength: 1500 }), inline: fc.boolean() }), { maxLength: 40 }),
    table: fc.option(fc.record({ columns: fc.array(fc.record({ header: fc.string({ maxLength: 20 }), align: fc.constantFrom('left' as const, 'right' as const) }), { minLength: 1, maxLength: 5 }), rows: fc.array(fc.array(fc.string({ maxLength: 40 }), { maxLength: 5 }), { maxLength: 200 }) }), { nil: undefined }),
    context: fc.array(fc.string({ maxLength: 800 }), { maxLength: 8 }),
    severity: fc.constantFrom('info' as const, 'error' as const),
    visibility: fc.constantFrom('public' as const, 'private' as const),
    fallbackText: fc.string({ minLength: 1, maxLength: 100 }),
    accentColour: fc.option(fc.constantFrom('#FF9900', '#0071CE'), { nil: undefined }),
  });

  it('property: any message renders within every embed limit', async () => {
    fc.assert(fc.property(messages, (m) => expectWithinLimits(renderEmbeds(m))), { numRuns: 150 });
  });

  it('property: mention strings planted in data never reach Discord intact', async () => {
    const injection = fc.constantFrom('@everyone', '@here', '<@123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>', '@EVERYONE');
    const rivalries = fc.tuple(injection, fc.array(fc.integer({ min: 1, max: 900_000 }), { minLength: 2, maxLength: 25 }), fc.array(fc.integer({ min: 1, max: 900_000 }), { minLength: 2, maxLength: 25 })).map(([bad, a, b]) =>
      syntheticRivalry([{ id: 'alpha', name: `Alpha ${bad}`, values: a }, { id: 'beta', name: `Beta ${bad}`, values: b }]),
    );
    const commands = fc.constantFrom('compare', 'history', 'milestones all', 'list', 'help', 'compare @everyone');
    await fc.assert(
      fc.asyncProperty(rivalries, commands, async (rivalry, command) => {
        expectWithinLimits(renderEmbeds((await runCommandText(command, contextFor([rivalry]), { onError: (e) => { throw e; } }))));
      }),
      { numRuns: 150 },
    );
  });
});
