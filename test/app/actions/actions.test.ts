import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { COMMANDS } from '../../../src/core/commands/index.js';
import type { ButtonAction, MessageAction } from '../../../src/core/message/actions.js';
import type { Origin } from '../../../src/core/inbound.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledContext } from '../../helpers/bundled.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';
import { RivalryCatalog } from '../../../src/core/data/catalog.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

const origin = (manager: boolean): Origin => ({ platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1', requestId: 'r', canManageChannel: async () => manager, timeZone: 'Europe/Berlin' });
const buttons = (actions: readonly MessageAction[] | undefined) => (actions ?? []).filter((a): a is ButtonAction => a.type === 'button');

describe('buttons on replies', () => {
  const store = new SqliteStore(':memory:');
  const { handle, forms } = createHandlers({ ...bundledContext(), commands: COMMANDS, subscriptions: store }, memoryLogger().logger, { tokens: store.tokens });

  it('offer the next steps after compare, each with a payload that runs the same command as typing it', async () => {
    const reply = await handle({ kind: 'text', text: 'compare amazon-vs-walmart', origin: origin(false) });
    expect(reply.actions?.map((a) => a.id)).toEqual(['chart', 'history', 'milestones', 'basis-quarter', 'basis-ttm', 'scoreboard', 'subscribe']);
    expect(reply.actions?.every((a) => a.payload !== undefined)).toBe(true);
    const quarterly = buttons(reply.actions).find((a) => a.id === 'basis-quarter');
    expect(quarterly?.effect).toBe('update');
    const clicked = await handle({ kind: 'action', payload: quarterly?.payload ?? '', origin: origin(false) });
    const typed = await handle({ kind: 'text', text: 'compare amazon-vs-walmart revenue quarterly', origin: origin(false) });
    expect(clicked).toEqual(typed);
  });

  it('stand for long commands with a stored token, and refuse forged or expired ones politely', async () => {
    const slug = 'the-longest-rivalry-name-anyone-ever-typed-into-a-chat-box-x';
    const long = createHandlers({ catalog: new RivalryCatalog([syntheticRivalry([{ id: 'a', values: [1, 2] }, { id: 'b', values: [2, 1] }], slug)]), commands: COMMANDS }, memoryLogger().logger, { tokens: store.tokens });
    const reply = await long.handle({ kind: 'text', text: `compare ${slug}`, origin: origin(false) });
    const history = buttons(reply.actions).find((a) => a.id === 'history');
    expect(history?.payload).toMatch(/^nt\|[A-Za-z0-9_-]{16}$/);
    const clicked = await long.handle({ kind: 'action', payload: history?.payload ?? '', origin: origin(false) });
    expect(clicked.title).toBe('a vs b: annual revenue history');
    const list = await handle({ kind: 'text', text: 'list', origin: origin(false) });
    expect(list.actions?.[0]?.type).toBe('select');
    const stale = await handle({ kind: 'action', payload: 'nt|AAAAAAAAAAAAAAAA', origin: origin(false) });
    expect(stale.title).toBe('That button no longer works');
    const forged = await handle({ kind: 'action', payload: 'uc|compare|r=amazon-vs-walmart|zz=1', origin: origin(false) });
    expect(forged.severity).toBe('error');
  });

  it('run as the person who clicked: an Unsubscribe click by a member is refused', async () => {
    await handle({ kind: 'text', text: 'subscribe amazon-vs-walmart daily', origin: origin(true) });
    const listed = await handle({ kind: 'text', text: 'subscriptions', origin: origin(true) });
    const unsubscribe = buttons(listed.actions).find((a) => a.id.startsWith('unsubscribe-'));
    expect(unsubscribe?.style).toBe('danger');
    const refused = await handle({ kind: 'action', payload: unsubscribe?.payload ?? '', origin: origin(false) });
    expect(refused.title).toBe('Not allowed');
    expect(await store.listForWorkspace('slack', 'T1')).toHaveLength(1);
    const done = await handle({ kind: 'action', payload: unsubscribe?.payload ?? '', origin: origin(true) });
    expect(done.title).toBe('Unsubscribed: Amazon vs Walmart');
  });

  it('open the subscribe form for channel managers only, and submit it with each problem beside its field', async () => {
    const compare = await handle({ kind: 'text', text: 'compare', origin: origin(true) });
    const formPayload = compare.actions?.find((a) => a.type === 'form')?.payload ?? '';
    const refused = await forms.open(formPayload, origin(false));
    expect('title' in refused && refused.title).toBe('Not allowed');
    const form = await forms.open(formPayload, origin(true));
    if (!('submitLabel' in form)) throw new Error('expected a form');
    expect(form.fields.find((f) => f.option === 'zone')?.initial).toBe('Europe/Berlin');
    expect(form.fields.find((f) => f.option === 'rivalry')?.initial).toBe('amazon-vs-walmart');
    const bad = await forms.submit('subscribe', { rivalry: 'amazon-vs-walmart', frequency: 'weekly', weekday: 'friday', time: '25:00', zone: 'Europe/Berlin' }, origin(true));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.time).toContain('Use 24-hour HH:MM');
    const good = await forms.submit('subscribe', { rivalry: 'amazon-vs-walmart', frequency: 'daily', weekday: 'monday', time: '07:30', zone: 'Europe/Berlin', metrics: ['capex', 'net-margin'], 'with-chart': true }, origin(true));
    expect(good.ok && good.message.title).toBe('Subscribed: Amazon vs Walmart');
    const [sub] = await store.listForWorkspace('slack', 'T1');
    expect(sub).toMatchObject({ schedule: { frequency: 'daily', time: '07:30', zone: 'Europe/Berlin' }, metrics: ['capex', 'net-margin'], withChart: true });
  });
});
