import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { until } from '../../helpers/until.js';
import { json } from '../../fakes/http-recorder.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, blockActionsPayload, homeOpenedEvent, interactionBody, signedHeaders, slashCommandBody, viewSubmissionPayload, type ClickableElement, type SlackView } from '../../fakes/fake-slack.js';

type Block = { type: string; block_id?: string; elements?: ClickableElement[]; element?: Record<string, unknown>; text?: { text: string }; label?: { text: string }; optional?: boolean };

/** Every button and menu in a rendered message or view. */
const clickables = (blocks: unknown): ClickableElement[] => (blocks as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const labelled = (blocks: unknown, text: string) => {
  const found = clickables(blocks).find((e) => (e as { text?: { text: string } }).text?.text === text);
  if (found === undefined) throw new Error(`no "${text}" button`);
  return found;
};

/** Buttons, menus and the subscribe modal through the real Bolt app, against the fake Slack. */
describe('Slack interactivity', () => {
  const slack = new FakeSlack();
  const store = new SqliteStore(':memory:');
  const log = memoryLogger();
  let running: Running;
  let base: string;
  let events: string;
  let n = 0;

  beforeAll(async () => {
    base = await slack.start();
    slack.admins.add('UADMIN');
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, PORT: '0', HOST: '127.0.0.1' });
    running = await startPlatforms(config, createHandlers({ ...bundledContext(), subscriptions: store }, log.logger, { tokens: store.tokens }), log.logger);
    events = `http://127.0.0.1:${running.port}/slack/events`;
  });
  afterAll(async () => {
    await running.stop();
    await slack.stop();
  });

  const post = (body: string, headers = signedHeaders(body)) => fetch(events, { method: 'POST', body, headers });
  const responsePath = () => `/response/ui-${(n += 1)}`;

  async function ask(text: string, userId = 'U0001'): Promise<Record<string, unknown>> {
    const path = responsePath();
    const body = slashCommandBody(text, `${base}${path}`, { user_id: userId });
    const reply = slack.next(path);
    expect((await post(body)).status).toBe(200);
    return (await reply).body;
  }

  /** Clicks `element` as `userId`; resolves to the ack and what arrived at the click's response_url. */
  async function click(element: ClickableElement, options: { userId?: string; triggerId?: string; ephemeral?: boolean; channelId?: string } = {}): Promise<{ ack: Response; reply: Promise<Record<string, unknown>> }> {
    const path = responsePath();
    const reply = slack.next(path).then((r) => r.body);
    reply.catch(() => undefined);
    const ack = await post(interactionBody(blockActionsPayload(element, { responseUrl: `${base}${path}`, ...options })));
    return { ack, reply };
  }

  async function openSubscribeModal(userId = 'UADMIN', channelId = 'C0001'): Promise<SlackView['view']> {
    const compare = await ask('compare amazon-vs-walmart');
    const opened = slack.opened.length;
    const { ack } = await click(labelled(compare['blocks'], 'Subscribe this channel'), { userId, channelId, triggerId: `trigger-${(n += 1)}` });
    expect(ack.status).toBe(200);
    await until(() => slack.opened.length > opened, 5000);
    const view = slack.opened.at(-1)?.view;
    if (view === undefined) throw new Error('no modal');
    return view;
  }

  it('puts the next steps under /rivalry compare as buttons carrying their payloads', async () => {
    const compare = await ask('compare amazon-vs-walmart');
    const elements = clickables(compare['blocks']);
    expect(elements.map((e) => e.action_id)).toEqual(['rivalry:chart', 'rivalry:history', 'rivalry:milestones', 'rivalry:basis-quarter', 'rivalry:basis-ttm', 'rivalry:scoreboard', 'rivalry:form:subscribe']);
    expect(elements.every((e) => e.type === 'button' && /^[nu][cft]\|/.test(e.value ?? ''))).toBe(true);
    // The sources stay the footer, under the buttons.
    expect((compare['blocks'] as Block[]).at(-1)?.type).toBe('context');
  });

  it('switches the basis in place: a click on "Quarterly" replaces the original through response_url', async () => {
    const compare = await ask('compare amazon-vs-walmart');
    const { ack, reply } = await click(labelled(compare['blocks'], 'Quarterly'));
    expect(ack.status).toBe(200);
    expect(await ack.text()).toBe('');
    const replaced = await reply;
    expect(replaced['replace_original']).toBe(true);
    expect(replaced['response_type']).toBeUndefined();
    expect(String(replaced['text'])).toContain('quarterly revenue');
    expect(clickables(replaced['blocks']).map((e) => e.action_id)).toContain('rivalry:basis-annual');
  });

  it('answers a "new" button with a new message in the channel, and a failed switch privately without touching the original', async () => {
    const compare = await ask('compare amazon-vs-walmart');
    const scoreboard = await (await click(labelled(compare['blocks'], 'Scoreboard'))).reply;
    expect(scoreboard).toMatchObject({ replace_original: false, response_type: 'in_channel' });
    expect(String(scoreboard['text'])).toMatch(/scoreboard/i);

    const stale = await (await click({ type: 'button', action_id: 'rivalry:basis-quarter', value: 'ut|AAAAAAAAAAAAAAAA' })).reply;
    expect(stale).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(JSON.stringify(stale['blocks'])).toContain('That button no longer works');
  });

  it('posts a clicked chart in the channel and uploads the picture there, as the slash command does', async () => {
    const compare = await ask('compare amazon-vs-walmart');
    const uploaded = slack.next('/api/files.completeUploadExternal');
    const chart = await (await click(labelled(compare['blocks'], 'Chart'))).reply;
    expect(chart).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect((await uploaded).body['channel_id']).toBe('C0001');
  });

  it('opens the subscribe modal for an admin with the click\'s trigger_id, pre-filled and within Slack\'s limits', async () => {
    const view = await openSubscribeModal();
    expect(slack.opened.at(-1)?.trigger_id).toMatch(/^trigger-/);
    expect(view.type).toBe('modal');
    for (const label of [view.title?.text, view.submit?.text, view.close?.text]) expect([...(label ?? '')].length).toBeLessThanOrEqual(24);
    const inputs = new Map((view.blocks as Block[]).filter((b) => b.type === 'input').map((b) => [b.block_id, b.element]));
    expect([...inputs.entries()].map(([id, e]) => `${id}:${String(e?.['type'])}`)).toEqual([
      'rivalry:static_select', 'frequency:static_select', 'weekday:static_select', 'day:plain_text_input', 'time:plain_text_input', 'zone:plain_text_input', 'metrics:multi_static_select', 'alerts-only:checkboxes', 'with-chart:checkboxes',
    ]);
    expect(inputs.get('rivalry')?.['initial_option']).toMatchObject({ value: 'amazon-vs-walmart' });
    expect(inputs.get('frequency')?.['initial_option']).toMatchObject({ value: 'weekly' });
    expect(inputs.get('time')?.['initial_value']).toBe('09:00');
    // The admin's Slack profile time zone (users.info) pre-fills the zone.
    expect(inputs.get('zone')?.['initial_value']).toBe('Europe/Berlin');
    expect(JSON.parse(view.private_metadata ?? '')).toMatchObject({ team: 'T0001', channel: 'C0001' });
  });

  it('refuses the modal to a member, ephemerally, and opens nothing', async () => {
    const compare = await ask('compare amazon-vs-walmart');
    const opened = slack.opened.length;
    const { reply } = await click(labelled(compare['blocks'], 'Subscribe this channel'), { userId: 'UMEMBER' });
    const refused = await reply;
    expect(refused).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(refused['blocks'])).toContain('Only people who can manage this channel');
    expect(slack.opened.length).toBe(opened);
  });

  it('tells the person when the trigger_id expired before the modal could open', async () => {
    const compare = await ask('compare amazon-vs-walmart');
    slack.expiredTriggers.add('trigger-stale');
    const { reply } = await click(labelled(compare['blocks'], 'Subscribe this channel'), { userId: 'UADMIN', triggerId: 'trigger-stale' });
    const told = await reply;
    expect(told['response_type']).toBe('ephemeral');
    expect(JSON.stringify(told['blocks'])).toContain('The form took too long to open');
  });

  const submit = (view: SlackView['view'], values: Record<string, Record<string, unknown>>, userId = 'UADMIN') => post(interactionBody(viewSubmissionPayload(view, values, userId)));
  const filled = (time: string) => ({
    rivalry: { value: { type: 'static_select', selected_option: { value: 'amazon-vs-walmart' } } },
    frequency: { value: { type: 'static_select', selected_option: { value: 'daily' } } },
    weekday: { value: { type: 'static_select', selected_option: { value: 'monday' } } },
    day: { value: { type: 'plain_text_input', value: null } },
    time: { value: { type: 'plain_text_input', value: time } },
    zone: { value: { type: 'plain_text_input', value: 'Europe/Berlin' } },
    metrics: { value: { type: 'multi_static_select', selected_options: [{ value: 'capex' }, { value: 'net-margin' }] } },
    'alerts-only': { value: { type: 'checkboxes', selected_options: [] } },
    'with-chart': { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
  });

  it('answers a submitted modal with a bad time with the error on the time field, creating nothing', async () => {
    const view = await openSubscribeModal();
    const res = await submit(view, filled('25:00'));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual(['time']);
    expect(answer.errors['time']).toContain('Use 24-hour HH:MM');
    expect(await store.listForWorkspace('slack', 'T0001')).toEqual([]);
  });

  it('subscribes the channel from a good submission, closes the modal and confirms in the channel', async () => {
    const view = await openSubscribeModal();
    const confirmed = slack.next('/api/chat.postMessage');
    const res = await submit(view, filled('07:30'));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    const posted = await confirmed;
    expect(posted.body['channel']).toBe('C0001');
    expect(String(posted.body['blocks'])).toContain('Subscribed: Amazon vs Walmart');
    const [sub] = await store.listForWorkspace('slack', 'T0001');
    expect(sub).toMatchObject({ channelId: 'C0001', rivalry: 'amazon-vs-walmart', schedule: { frequency: 'daily', time: '07:30', zone: 'Europe/Berlin' }, metrics: ['capex', 'net-margin'], withChart: true, alertsOnly: false });
  });

  it('tells the person privately, with the reason, when the confirmation cannot be posted in the channel', async () => {
    const view = await openSubscribeModal('UADMIN', 'CPRIVATE');
    const responseUrl = (JSON.parse(view.private_metadata ?? '{}') as { responseUrl?: string }).responseUrl ?? '';
    const path = new URL(responseUrl).pathname;
    let once = true;
    slack.overrides = [(req, res) => (req.path === '/api/chat.postMessage' && once ? ((once = false), json(res, 200, { ok: false, error: 'not_in_channel' }), true) : false)];
    const res = await submit(view, filled('08:00'));
    expect(res.status).toBe(200);
    await until(() => slack.to(path).length > 0, 5000);
    slack.overrides = [];
    const told = slack.to(path)[0]?.body ?? {};
    expect(told).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(told['blocks'])).toContain('Subscribed: Amazon vs Walmart');
    expect(JSON.stringify(told['blocks'])).toContain('not_in_channel: the app is not a member of the channel');
    expect((await store.listForWorkspace('slack', 'T0001')).some((s) => s.channelId === 'CPRIVATE')).toBe(true);
  });

  it('refuses a submission from someone who lost the right meanwhile: the modal closes, the refusal comes privately, nothing changes', async () => {
    const view = await openSubscribeModal();
    const before = await store.listForWorkspace('slack', 'T0001');
    const seen = slack.requests.length;
    const res = await submit(view, { ...filled('06:00'), rivalry: { value: { type: 'static_select', selected_option: { value: 'amazon-vs-walmart' } } } }, 'UMEMBER');
    expect(await res.text()).not.toContain('"errors"');
    await until(() => slack.requests.slice(seen).some((r) => decodeURIComponent(r.raw).includes('Only people who can manage this channel')));
    expect(await store.listForWorkspace('slack', 'T0001')).toEqual(before);
  });

  it('apologises inside the modal for a submission it cannot read, changing nothing', async () => {
    const view = await openSubscribeModal();
    const before = await store.listForWorkspace('slack', 'T0001');
    const res = await submit({ ...view, private_metadata: '{"team":"T0001"' }, filled('05:00'));
    const answer = (await res.json()) as { response_action: string; view: { blocks: Array<{ text: { text: string } }> } };
    expect(answer.response_action).toBe('update');
    expect(answer.view.blocks[0]?.text.text).toContain('could not read');
    expect(await store.listForWorkspace('slack', 'T0001')).toEqual(before);
  });

  it('publishes the home view when someone opens the Home tab', async () => {
    const published = slack.published.length;
    const body = homeOpenedEvent('UADMIN');
    const res = await post(body, { ...signedHeaders(body), 'content-type': 'application/json' });
    expect(res.status).toBe(200);
    await until(() => slack.published.length > published, 5000);
    const home = slack.published.at(-1);
    expect(home?.user_id).toBe('UADMIN');
    expect(home?.view.type).toBe('home');
    expect(home?.view.blocks.length).toBeLessThanOrEqual(100);
    const all = JSON.stringify(home?.view.blocks);
    expect(all).toContain('Amazon vs Walmart');
    // An admin sees Unsubscribe buttons for the subscription made above.
    expect(clickables(home?.view.blocks).some((e) => e.action_id.startsWith('rivalry:unsubscribe-'))).toBe(true);
  });

  it('answers a click in the Home tab above the home, since there is no channel to reply in', async () => {
    const home = slack.published.at(-1);
    const menu = clickables(home?.view.blocks).find((e) => e.type === 'static_select');
    if (menu === undefined) throw new Error('no menu in the home');
    const published = slack.published.length;
    const ack = await post(interactionBody(blockActionsPayload(menu, { userId: 'UADMIN', home: true })));
    expect(ack.status).toBe(200);
    await until(() => slack.published.length > published, 5000);
    const view = slack.published.at(-1)?.view;
    expect((view?.blocks[0] as Block | undefined)?.text?.text).toContain('Amazon vs Walmart');
    expect(view?.blocks.some((b) => b['type'] === 'divider')).toBe(true);
  });

  it('apologises ephemerally for a click it cannot read, and runs nothing', async () => {
    const path = responsePath();
    const reply = slack.next(path);
    const garbled = { type: 'block_actions', user: { id: 'U0001' }, team: { id: 'T0001' }, container: { type: 'message' }, trigger_id: 't', response_url: `${base}${path}`, actions: [{ type: 'button', action_id: 'rivalry:x' }] };
    expect((await post(interactionBody(garbled))).status).toBe(200);
    const answered = await reply;
    expect(answered.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answered.body['text'])).toContain('could not read');
  });

  it('rejects a forged click with 401 before running anything', async () => {
    const before = slack.requests.length;
    const body = interactionBody(blockActionsPayload({ type: 'button', action_id: 'rivalry:basis-quarter', value: 'uc|compare|r=amazon-vs-walmart|b=quarterly' }, { responseUrl: `${base}/response/forged` }));
    const res = await post(body, signedHeaders(body, 'not-the-secret-0123456789'));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.requests.length).toBe(before);
  });
});
