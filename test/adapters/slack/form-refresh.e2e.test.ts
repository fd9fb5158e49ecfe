import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledRivalry, contextFor } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';
import { until } from '../../helpers/until.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, blockActionsPayload, fieldChangePayload, interactionBody, signedHeaders, slashCommandBody, type ClickableElement, type SlackView } from '../../fakes/fake-slack.js';

type Input = { type: string; block_id?: string; dispatch_action?: boolean; element?: { options?: Array<{ value: string }>; initial_option?: { value: string }; initial_options?: Array<{ value: string }>; initial_value?: string } };
const input = (view: SlackView['view'] | undefined, block: string) => (view?.blocks as Input[] | undefined)?.find((b) => b.block_id === block);

/** The subscribe modal follows its rivalry: choosing another one redraws the metrics it offers, keeping the rest. */
describe('Slack subscribe modal, redrawn when the rivalry changes', () => {
  const slack = new FakeSlack();
  const store = new SqliteStore(':memory:');
  const alpha = syntheticRivalry([{ id: 'alpha', values: [100, 120] }, { id: 'beta', values: [110, 115] }], 'alpha-vs-beta');
  let running: Running;
  let base: string;
  let events: string;
  let opened: SlackView['view'];

  const post = (body: string) => fetch(events, { method: 'POST', body, headers: signedHeaders(body) });

  beforeAll(async () => {
    base = await slack.start();
    slack.admins.add('UADMIN');
    const log = memoryLogger().logger;
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, PORT: '0', HOST: '127.0.0.1' });
    running = await startPlatforms(config, createHandlers({ ...contextFor([bundledRivalry(), alpha]), subscriptions: store }, log, { tokens: store.tokens }), log);
    events = `http://127.0.0.1:${running.port}/slack/events`;
    // Open the modal the way people do: the "Subscribe this channel" button under a comparison.
    const body = slashCommandBody('compare amazon-vs-walmart', `${base}/response/compare`, { user_id: 'UADMIN' });
    const reply = slack.next('/response/compare');
    await post(body);
    const blocks = (await reply).body['blocks'] as Array<{ type: string; elements?: ClickableElement[] }>;
    const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'rivalry:form:subscribe');
    if (button === undefined) throw new Error('no subscribe button');
    await post(interactionBody(blockActionsPayload(button, { userId: 'UADMIN', responseUrl: `${base}/response/click` })));
    await until(() => slack.opened.length === 1, 5000);
    opened = slack.opened[0]?.view as SlackView['view'];
  });
  afterAll(async () => {
    await running.stop();
    await slack.stop();
  });

  it('asks Slack for the rivalry choice at once, and offers the pre-filled rivalry\'s metrics', () => {
    expect(input(opened, 'rivalry')?.dispatch_action).toBe(true);
    expect(input(opened, 'time')?.dispatch_action).toBeUndefined();
    expect(input(opened, 'metrics')?.element?.options?.map((o) => o.value)).toContain('capex');
  });

  it('redraws the metrics for the rivalry chosen, keeping what was entered that still applies', async () => {
    const values = {
      rivalry: { value: { type: 'static_select', selected_option: { value: 'alpha-vs-beta' } } },
      frequency: { value: { type: 'static_select', selected_option: { value: 'daily' } } },
      time: { value: { type: 'plain_text_input', value: '07:30' } },
      zone: { value: { type: 'plain_text_input', value: 'Asia/Tokyo' } },
      metrics: { value: { type: 'multi_static_select', selected_options: [{ value: 'capex' }, { value: 'revenue' }] } },
      'with-chart': { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
    };
    expect((await post(interactionBody(fieldChangePayload(opened, values, 'rivalry', 'alpha-vs-beta', '1.first')))).status).toBe(200);
    await until(() => slack.updated.length === 1, 5000);
    const update = slack.updated[0];
    expect(update).toMatchObject({ view_id: 'VMODAL', hash: '1.first' });
    const view = update?.view;
    expect(view?.callback_id).toBe(opened.callback_id);
    expect(JSON.parse(view?.private_metadata ?? '')).toEqual(JSON.parse(opened.private_metadata ?? ''));
    expect(input(view, 'rivalry')?.element?.initial_option?.value).toBe('alpha-vs-beta');
    // The synthetic rivalry holds revenue only: capex is no longer offered, nor kept.
    expect(input(view, 'metrics')?.element?.options?.map((o) => o.value)).toEqual(['revenue']);
    expect(input(view, 'metrics')?.element?.initial_options?.map((o) => o.value)).toEqual(['revenue']);
    expect(input(view, 'frequency')?.element?.initial_option?.value).toBe('daily');
    expect(input(view, 'time')?.element?.initial_value).toBe('07:30');
    expect(input(view, 'zone')?.element?.initial_value).toBe('Asia/Tokyo');
    expect(input(view, 'with-chart')?.element?.initial_options?.map((o) => o.value)).toEqual(['true']);
  });

  it('drops a redraw based on an older state of the form, and ignores changes in views that are not its forms', async () => {
    slack.staleHashes.add('1.stale');
    const values = { rivalry: { value: { type: 'static_select', selected_option: { value: 'amazon-vs-walmart' } } } };
    await post(interactionBody(fieldChangePayload(opened, values, 'rivalry', 'amazon-vs-walmart', '1.stale')));
    await post(interactionBody(fieldChangePayload({ ...opened, callback_id: 'someone-elses-modal' }, values, 'rivalry', 'amazon-vs-walmart', '1.other')));
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.updated).toHaveLength(1);
    expect(slack.to('/api/views.update')).toHaveLength(2); // the stale one was tried; the foreign one never
  });
});
