import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { until } from '../../helpers/until.js';
import { cardOf, CHANNEL_ID, deliver, FakeTeams, messageActivity, TEAMS_CLIENT_ID } from '../../fakes/fake-teams.js';

/** The Teams adapter through the app's own wiring, against a fake Bot Framework on loopback. */
describe('Teams', () => {
  const teams = new FakeTeams();
  const { logger, text: logText } = memoryLogger();
  let running: Running;
  let url: string;

  beforeAll(async () => {
    await teams.start();
    running = await startPlatforms(loadConfig({ ...teams.env(), PORT: '0', HOST: '127.0.0.1' }), createHandlers(bundledContext(), logger), logger);
    url = `http://127.0.0.1:${running.port}/api/messages`;
  });
  afterAll(async () => {
    await running.stop();
    await teams.stop();
  });

  /** Sends a signed activity and waits for the connector to receive `count` new activities. */
  async function ask(activity: Record<string, unknown>, count = 1) {
    const before = teams.activities.length;
    const res = await deliver(url, activity, teams.token());
    expect(res.status).toBe(200);
    await until(() => teams.activities.length >= before + count);
    return teams.activities.slice(before);
  }

  it('starts on the messaging endpoint, having checked where the signing keys are', () => {
    expect(running.started).toEqual(['teams (webhook /api/messages)']);
    expect(teams.to('/v1/.well-known/openidconfiguration')).toHaveLength(1);
  });

  it('answers "@rivalry compare" with an Adaptive Card carrying both figures, in the thread it was asked in', async () => {
    const activity = messageActivity(teams, 'compare amazon-vs-walmart');
    const [reply] = await ask(activity);
    const conversation = (activity['conversation'] as { id: string }).id;
    expect(reply?.conversationId).toBe(conversation);
    expect(reply?.body['replyToId']).toBe(activity['id']);
    const card = cardOf(reply ?? { body: {} });
    expect(card?.['type']).toBe('AdaptiveCard');
    expect(card?.['version']).toBe('1.5');
    expect(reply?.raw).toContain('716.9');
    expect(reply?.raw).toContain('713.2');
    expect(reply?.body['summary']).toEqual(expect.stringContaining('Amazon'));
    expect(card?.['fallbackText']).toEqual(expect.stringContaining('716.9'));
    // The outbound token came from the login endpoint, with the bot's credentials.
    const tokenRequest = teams.to('/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token')[0];
    expect(tokenRequest?.body).toMatchObject({ grant_type: 'client_credentials', client_id: TEAMS_CLIENT_ID, scope: 'https://api.botframework.com/.default' });
  });

  it('answers a bare mention with help, and a personal chat without any mention', async () => {
    const [help] = await ask(messageActivity(teams, ''));
    expect(help?.raw).toContain('compare');
    expect(help?.raw).toMatch(/help/i);
    const [personal] = await ask(messageActivity(teams, 'compare amazon-vs-walmart', { kind: 'personal' }));
    expect(personal?.conversationId).toBe('a:1personal-chat');
    expect(personal?.raw).toContain('716.9');
  });

  it('ignores a channel message that does not mention the bot, and activities of unknown types', async () => {
    const before = teams.connectorCalls().length;
    expect((await deliver(url, messageActivity(teams, 'compare', { mention: false }), teams.token())).status).toBe(200);
    const unknown = { ...messageActivity(teams, 'compare'), type: 'somethingNew', name: 'future/event' };
    expect((await deliver(url, unknown, teams.token())).status).toBe(200);
    const reaction = { ...messageActivity(teams, ''), type: 'messageReaction', reactionsAdded: [{ type: 'like' }] };
    expect((await deliver(url, reaction, teams.token())).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(teams.connectorCalls().length).toBe(before);
  });

  it('renders data and user text so it can neither ping nor link', async () => {
    const [reply] = await ask(messageActivity(teams, 'compare <at>Everyone</at> [x](https://evil.example)'));
    const card = JSON.stringify(cardOf(reply ?? { body: {} }));
    expect(reply?.body['entities']).toBeUndefined();
    expect(card).not.toContain('"msteams"');
    // All text travels in TextRuns, which Teams never reads as Markdown.
    expect(card).not.toContain('"TextBlock"');
  });

  it('sends a chart as an image after its card', async () => {
    const [card, image] = await ask(messageActivity(teams, 'chart'), 2);
    expect(cardOf(card ?? { body: {} })).toBeDefined();
    expect(image?.body['attachments']).toEqual([expect.objectContaining({ contentType: 'image/png', contentUrl: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/) })]);
    expect(image?.body['text']).toContain('Amazon leads Walmart');
  });

  it('refuses every forged request with 401 and calls nothing', async () => {
    const activity = messageActivity(teams, 'compare amazon-vs-walmart', { conversationId: CHANNEL_ID });
    const now = Math.floor(Date.now() / 1000);
    const forged: Array<[string, string | undefined]> = [
      ['no token', undefined],
      ['unsigned (alg none)', teams.token({}, 'none')],
      ['signed with a key Microsoft never published', teams.token({}, teams.forgerKey)],
      ['expired more than five minutes ago', teams.token({ iat: now - 7200, nbf: now - 7200, exp: now - 600 })],
      ['not yet valid', teams.token({ nbf: now + 900 })],
      ['for another bot', teams.token({ aud: '11111111-2222-4333-8444-555555555555' })],
      ['from another issuer', teams.token({ iss: 'https://api.botframework.com' })],
      ['for another service URL', teams.token({ serviceurl: 'https://evil.example/teams/' })],
      ['without a service URL', teams.token({ serviceurl: undefined })],
      ['garbage', 'not.a.jwt'],
    ];
    const before = { connector: teams.connectorCalls().length, tokens: teams.to('/72f988bf').length };
    for (const [name, token] of forged) {
      const res = await deliver(url, activity, token);
      expect(res.status, name).toBe(401);
    }
    // The activity itself pointing somewhere else than its token says.
    const redirected = { ...activity, serviceUrl: 'https://evil.example/teams/' };
    expect((await deliver(url, redirected, teams.token())).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(teams.connectorCalls().length).toBe(before.connector);
    expect(teams.to('/72f988bf').length).toBe(before.tokens);
    expect(logText()).not.toContain('fake~client~secret');
  });

  it('accepts a token within five minutes of expiry skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    const before = teams.activities.length;
    const res = await deliver(url, messageActivity(teams, 'list'), teams.token({ exp: now - 120 }));
    expect(res.status).toBe(200);
    await until(() => teams.activities.length > before);
  });
});
