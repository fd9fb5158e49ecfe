import type { Running } from '../../src/app/serve.js';
import { createHandlers } from '../../src/app/command-handler.js';
import { activityViolations, couldPing } from '../adapters/teams/card-violations.js';
import { json } from '../fakes/http-recorder.js';
import { botAddedActivity, cardOf, clickData, type ConnectorActivity, deliver, FakeTeams, invokeActivity, messageActivity, TEAMS_TENANT_ID } from '../fakes/fake-teams.js';
import { bundledContext } from '../helpers/bundled.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { until } from '../helpers/until.js';
import { CHANNEL, runAdapterContract } from './adapter-contract.js';
import { startAdapter } from './start-adapter.js';

const teams = new FakeTeams();
let running: Running;
/** Where the contract's channel posts go: a conversation the bot learned about when it was added to a team. */
const POST_CHANNEL = CHANNEL['teams'] ?? 'C1';

const url = () => `http://127.0.0.1:${running.port}/api/messages`;

/** Sends "@rivalry <text>" signed; resolves to the activities the connector received for it (the card, and a chart image). */
async function command(text: string): Promise<{ activity: Record<string, unknown>; received: ConnectorActivity[] }> {
  const before = teams.activities.length;
  const activity = messageActivity(teams, text);
  await deliver(url(), activity, teams.token());
  await until(() => teams.activities.length > before);
  // A chart follows its card: give it a moment to arrive.
  await new Promise((r) => setTimeout(r, 150));
  return { activity, received: teams.activities.slice(before) };
}

/** The payload the core gives action `actionId` of the reply to `text` (a menu: its first choice), as the adapter renders it. */
async function payloadOf(text: string, actionId: string): Promise<string> {
  const { handle } = createHandlers(bundledContext(), memoryLogger().logger);
  const reply = await handle({ kind: 'text', text, origin: { platform: 'teams', workspaceId: TEAMS_TENANT_ID, channelId: 'contract', requestId: 'contract' } });
  const action = reply.actions?.find((a) => a.id === actionId);
  const payload = action?.type === 'select' ? action.choices[0]?.payload : action?.payload;
  if (payload === undefined) throw new Error(`the reply to "${text}" has no action ${actionId} with a payload`);
  return payload;
}

runAdapterContract('teams', {
  async start() {
    await teams.start();
    const started = await startAdapter(teams.env());
    running = started.running;
    await deliver(url(), botAddedActivity(teams, POST_CHANNEL), teams.token());
    return started.adapter;
  },
  async stop() {
    await running.stop();
    await teams.stop();
  },
  async ask(text) {
    const { received } = await command(text);
    // Teams has no message only the asker sees: help and errors are replies like any other.
    return { text: received.map((a) => a.raw).join('\n'), private: false };
  },
  async click(text, actionId) {
    const payload = await payloadOf(text, actionId);
    const { activity, received } = await command(text);
    const card = received.find((a) => clickData(cardOf(a)).some((d) => d['payload'] === payload));
    const data = card === undefined ? undefined : clickData(cardOf(card)).find((d) => d['payload'] === payload);
    if (card === undefined || data === undefined) throw new Error(`no card carries the button ${actionId}`);
    const before = teams.activities.length;
    const conversationId = String((activity['conversation'] as { id: string }).id);
    const res = await deliver(url(), invokeActivity(teams, data, { cardId: card.activityId, conversationId }), teams.token());
    // Teams retries an invoke whose answer is empty (vercel/chat#731).
    const answer = (await res.json()) as { statusCode?: number; type?: string; value?: string };
    if (res.status !== 200 || answer.statusCode !== 200 || typeof answer.value !== 'string' || answer.value === '') throw new Error(`empty invoke answer: ${JSON.stringify(answer)}`);
    await until(() => teams.activities.length > before);
    await new Promise((r) => setTimeout(r, 150));
    const after = teams.activities.slice(before);
    const update = after.find((a) => a.method === 'PUT' && a.activityId === card.activityId);
    if (update !== undefined) return { text: update.raw, private: false, updated: true };
    return { text: after.map((a) => a.raw).join('\n'), private: false, updated: false };
  },
  async forgedClick() {
    const res = await deliver(url(), invokeActivity(teams, { payload: 'nc|scoreboard' }, { cardId: 'activity-1' }), teams.token({}, teams.forgerKey));
    return res.status;
  },
  limitViolations: activityViolations,
  couldPing,
  failNextPost(fault) {
    let once = true;
    teams.overrides = [
      (req, res) => {
        if (!once || req.method !== 'POST' || req.path !== `/teams/v3/conversations/${POST_CHANNEL}/activities`) return false;
        once = false;
        if (fault === '429') json(res, 429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '3' });
        else if (fault === '5xx') json(res, 502, { error: { code: 'ServiceError', message: 'Bad Gateway' } });
        else json(res, 403, { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } });
        return true;
      },
    ];
  },
  // The connector takes no idempotency key.
  lastPostCarried: () => false,
});
