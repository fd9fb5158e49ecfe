import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/core/parser/parse-command-text.js';
import { runCommandText } from '../../../src/core/run-command.js';
import { bundledContext } from '../../helpers/bundled.js';

const context = bundledContext();

function parsed(text: string) {
  const result = parseCommandText(text, context);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.message.fallbackText}`);
  return { command: result.command.name, raw: result.raw };
}

describe('parseCommandText', () => {
  it('reads every command in the slash form, the bare form and with odd case and spacing', async () => {
    for (const command of context.commands) {
      expect(parsed(`/rivalry ${command.name}`).command).toBe(command.name);
      expect(parsed(`  ${command.name.toUpperCase()}  `).command).toBe(command.name);
      expect(parsed(`/${command.name}`).command).toBe(command.name);
    }
  });

  it('assigns words to options whatever their order', async () => {
    expect(parsed('compare amazon-vs-walmart revenue')).toEqual({ command: 'compare', raw: { rivalry: 'amazon-vs-walmart', metric: 'revenue' } });
    expect(parsed('Compare   REVENUE   Amazon-vs-Walmart quarterly')).toEqual({ command: 'compare', raw: { rivalry: 'Amazon-vs-Walmart', metric: 'REVENUE', basis: 'quarterly' } });
    expect(parsed('history since 2015 walmart-vs-amazon')).toEqual({ command: 'history', raw: { rivalry: 'walmart-vs-amazon', since: '2015' } });
    expect(parsed('help compare')).toEqual({ command: 'help', raw: { command: 'compare' } });
    expect(parsed('facts wmt')).toEqual({ command: 'facts', raw: { company: 'wmt' } });
  });

  it('treats empty input as help', async () => {
    expect(parsed('').command).toBe('help');
    expect(parsed('/rivalry').command).toBe('help');
  });

  it('offers a did-you-mean for a misspelt command, rivalry and metric', async () => {
    expect((await runCommandText('comapre', context)).summary).toContain('Did you mean "compare"?');
    expect((await runCommandText('compare amazn-vs-walmart', context)).summary).toContain('Did you mean "amazon-vs-walmart"?');
    expect((await runCommandText('compare revnue', context)).summary).toContain('Did you mean "revenue"?');
    expect((await runCommandText('milestones leed-change', context)).summary).toContain('Did you mean "lead-change"?');
    expect((await runCommandText('help comapre', context)).summary).toContain('Did you mean "compare"?');
  });

  it('answers oversized input without parsing it', async () => {
    const reply = await runCommandText(`compare ${'x'.repeat(10_000)}`, context);
    expect(reply.severity).toBe('error');
    expect(reply.title).toBe('Command too long');
  });

  it('ignores control and invisible characters between words', async () => {
    expect(parsed('compare\u0000amazon-vs-walmart\u200brevenue')).toEqual({ command: 'compare', raw: { rivalry: 'amazon-vs-walmart', metric: 'revenue' } });
  });
});

describe('any input gives a message, never a throw', () => {
  const words = fc.constantFrom('compare', 'history', 'milestones', 'facts', 'list', 'help', 'amazon-vs-walmart', 'revenue', 'quarterly', 'since', '2015', 'all', 'walmart', '/rivalry', 'lead-change');
  const arbitraryText = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc.array(words, { maxLength: 8 }).map((w) => w.join(' ')),
    fc.tuple(fc.array(words, { maxLength: 4 }), fc.string({ maxLength: 20 })).map(([w, s]) => `${w.join(' ')} ${s}`),
  );

  it('holds for random text, unicode and command-shaped word soup', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryText, async (text) => {
        // The runner turns a thrown error into an apology; onError makes such a throw fail the property.
        const reply = await runCommandText(text, context, { onError: (error) => { throw error; } });
        expect(reply.title.length).toBeGreaterThan(0);
        expect(reply.fallbackText.length).toBeGreaterThan(0);
        expect(['info', 'error']).toContain(reply.severity);
        if (reply.severity === 'error') expect(reply.visibility).toBe('private');
      }),
      { numRuns: 500 },
    );
  });
});
