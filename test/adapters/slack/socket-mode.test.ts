import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/create-slack-adapter.js';
import { createCommandHandler } from '../../../src/app/command-handler.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { BOT_TOKEN, FakeSlack, blockActionsPayload, slashCommandBody, type ClickableElement } from '../../fakes/fake-slack.js';

/** Socket Mode needs Slack's WebSocket, which tests cannot reach; the listeners are the same, so feed one event. */
describe('Slack Socket Mode wiring', () => {
  const slack = new FakeSlack();
  let base: string;
  beforeAll(async () => {
    base = await slack.start();
  });
  afterAll(() => slack.stop());

  it('builds a socket-mode app whose /rivalry and click listeners answer like the HTTP ones', async () => {
    const adapter = await createSlackAdapter({ botToken: BOT_TOKEN, appToken: 'xapp-1-test', apiUrl: `${base}/api/`, handle: createCommandHandler(bundledContext(), memoryLogger().logger), logger: memoryLogger().logger });
    expect(adapter.mode).toBe('socket');
    expect(adapter.routes).toEqual([]);
    const acks: unknown[] = [];
    const body = Object.fromEntries(new URLSearchParams(slashCommandBody('compare', `${base}/response/socket`)));
    const delivered = slack.next('/response/socket');
    await adapter.app.processEvent({ body, ack: async (response?: unknown) => void acks.push(response) });
    expect(acks).toEqual([undefined]);
    const reply = await delivered;
    expect(reply.body['response_type']).toBe('in_channel');
    expect(reply.body['text']).toContain('Amazon leads');

    // A click arrives over the same socket and reaches the same block_actions listener.
    const quarterly = (reply.body['blocks'] as Array<{ type: string; elements?: ClickableElement[] }>).flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'rivalry:basis-quarter');
    if (quarterly === undefined) throw new Error('no Quarterly button');
    const replaced = slack.next('/response/socket-click');
    await adapter.app.processEvent({ body: blockActionsPayload(quarterly, { responseUrl: `${base}/response/socket-click` }), ack: async (response?: unknown) => void acks.push(response) });
    expect(acks).toEqual([undefined, undefined]);
    expect((await replaced).body).toMatchObject({ replace_original: true, text: expect.stringContaining('quarterly revenue') });
  });
});
