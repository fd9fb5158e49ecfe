import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/create-slack-adapter.js';
import { formModal } from '../../../src/adapters/slack/form-modal.js';
import { createCommandHandler } from '../../../src/app/command-handler.js';
import type { FormHandler } from '../../../src/core/inbound.js';
import { createMessage } from '../../../src/core/message/message.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { BOT_TOKEN, FakeSlack, viewSubmissionPayload } from '../../fakes/fake-slack.js';

/** Slack waits 3 s for the answer to a submission: a slow one closes the modal in time and reports afterwards. */
describe('Slack form submission slower than Slack waits', () => {
  const slack = new FakeSlack();
  let base: string;
  beforeAll(async () => {
    base = await slack.start();
  });
  afterAll(() => slack.stop());

  it('acks within the deadline, then posts the outcome in the channel', async () => {
    let finished = 0;
    const forms: FormHandler = {
      open: async () => createMessage({ title: 'unused', fallbackText: 'unused' }),
      refresh: async () => ({ id: 'subscribe', title: 'unused', submitLabel: 'unused', fields: [] }),
      submit: async () => {
        await new Promise((r) => setTimeout(r, 2800));
        finished = Date.now();
        return { ok: true, message: createMessage({ title: 'Subscribed: slowly', fallbackText: 'Subscribed: slowly' }) };
      },
    };
    const logger = memoryLogger().logger;
    const adapter = await createSlackAdapter({ botToken: BOT_TOKEN, appToken: 'xapp-1-test', apiUrl: `${base}/api/`, handle: createCommandHandler(bundledContext(), logger), forms, logger });
    const view = formModal({ id: 'subscribe', title: 'Subscribe', submitLabel: 'Subscribe', fields: [{ option: 'time', label: 'Time', kind: 'text', required: true }] }, { team: 'T0001', channel: 'C0001' });
    const acks: Array<{ at: number; response: unknown }> = [];
    const started = Date.now();
    const posted = slack.next('/api/chat.postMessage', 10_000);
    await adapter.app.processEvent({ body: viewSubmissionPayload(view, { time: { value: { type: 'plain_text_input', value: '09:00' } } }), ack: async (response?: unknown) => void acks.push({ at: Date.now(), response }) });
    expect(acks).toHaveLength(1);
    expect(acks[0]?.response).toBeUndefined();
    expect((acks[0]?.at ?? Infinity) - started).toBeLessThan(3000);
    expect(acks[0]?.at ?? Infinity).toBeLessThan(finished);
    const post = await posted;
    expect(post.body['channel']).toBe('C0001');
    expect(String(post.body['text'])).toBe('Subscribed: slowly');
  }, 10_000);
});
