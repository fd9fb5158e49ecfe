import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/core/message/render-text.js';
import { runCommand, runCommandText } from '../../../src/core/run-command.js';
import { bundledContext, contextFor } from '../../helpers/bundled.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';

const context = bundledContext();
const text = async (command: string) => renderText(await runCommandText(command, context));

describe('commands on the bundled data', () => {
  it('compare shows both figures, both periods, the leader, the gap and the sources', async () => {
    const reply = await runCommandText('compare amazon-vs-walmart revenue', context);
    expect(reply.severity).toBe('info');
    expect(reply.visibility).toBe('public');
    expect(reply.accentColour).toBe('#FF9900');
    const out = renderText(reply);
    for (const expected of ['$716.9B', '$713.2B', 'FY2025 (Jan–Dec 2025)', 'FY2026 (Feb 2025–Jan 2026)', 'Amazon leads', '$3.76B', '716,924', '713,163', 'Form 10-K for fiscal 2025', 'accession 0000104169-26-000055', 'Not a forecast']) {
      expect(out).toContain(expected);
    }
    expect(reply.fallbackText).toContain('Sources:');
  });

  it('compare marks figures resting on unverified data', async () => {
    expect(await text('compare')).toContain('20y +4.2%†');
    expect(await text('compare')).toContain('† unverified');
  });

  it('history lists all 22 years and marks the three unverified Walmart figures', async () => {
    const reply = await runCommandText('history', context);
    expect(reply.table?.rows).toHaveLength(22);
    expect(reply.table?.rows.filter((r) => r.some((cell) => cell.endsWith('†')))).toHaveLength(3);
    expect(reply.table?.rows.at(-1)).toEqual(['FY2025 / FY2026', '$716.9B', '$713.2B', 'Amazon', '$3.76B']);
    expect((await runCommandText('history since 2020', context)).table?.rows[0]?.[0]).toBe('FY2020 / FY2021');
  });

  it('milestones lists the first-ever lead change first', async () => {
    const reply = await runCommandText('milestones', context);
    expect(reply.fields[0]?.label).toBe('Amazon FY2025 vs Walmart FY2026 · Lead change');
    expect(reply.fields[0]?.value).toContain('for the first time on record');
    expect(reply.fields.length).toBeLessThanOrEqual(10);
    expect(reply.context.join('\n')).toContain('more, earlier');
    expect((await runCommandText('milestones lead-changes', context)).fields).toHaveLength(1);
  });

  it('facts filter by company and carry their source', async () => {
    const reply = await runCommandText('facts amazon', context);
    expect(reply.fields.every((f) => f.label.includes('Amazon'))).toBe(true);
    expect(reply.fields.some((f) => f.value.includes('Rufus'))).toBe(true);
    expect(reply.context[0]).toMatch(/^Source: News article/);
  });

  it('help and list are private; errors are private and specific', async () => {
    expect((await runCommandText('help', context)).visibility).toBe('private');
    expect((await runCommandText('list', context)).fields[0]?.value).toContain('Amazon leads');
    const err = await runCommandText('history since 1800', context);
    expect(err.severity).toBe('error');
    expect(err.visibility).toBe('private');
    expect(err.summary).toBe('since must be a year from 1900 to 2100.');
  });

  it('structured options (as platforms send them) go through the same validation', async () => {
    expect((await runCommand('compare', { rivalry: 'amazon-vs-walmart', metric: 'revenue', basis: 'quarterly' }, context)).title).toBe('Amazon vs Walmart: quarterly revenue');
    expect((await runCommand('compare', { metric: 'profit' }, context)).summary).toContain('tracks: revenue');
    expect((await runCommand('compare', { since: 2015 }, context)).title).toBe('"compare" has no option "since"');
  });

  it('asks which rivalry when several exist and none is named', async () => {
    const two = contextFor([syntheticRivalry([{ id: 'a', values: [1, 2] }, { id: 'b', values: [2, 1] }], 'a-vs-b'), syntheticRivalry([{ id: 'c', values: [1, 2] }, { id: 'd', values: [2, 1] }], 'c-vs-d')]);
    const reply = await runCommandText('compare', two);
    expect(reply.title).toBe('Which rivalry?');
    expect(reply.summary).toContain('a-vs-b, c-vs-d');
    expect((await runCommandText('compare d-vs-c', two)).title).toBe('c vs d: annual revenue'); // reversed slug finds the rivalry
  });

  it('a failure inside a command becomes an apology with a reference id', async () => {
    const seen: string[] = [];
    const broken = { ...context, commands: [{ ...context.commands[0], name: 'boom', run: () => { throw new Error('kaput'); } }] } as typeof context;
    const reply = await runCommandText('boom', broken, { onError: (_e, ref) => seen.push(ref) });
    expect(reply.severity).toBe('error');
    expect(reply.summary).toContain(`Reference: ${seen[0]}`);
    expect(renderText(reply)).not.toContain('kaput');
  });
});
