import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botAddedActivity, cardOf, CHANNEL_ID, deliver, FakeTeams, MEMBER, messageActivity, OWNER, TEAM_ID, TEAMS_TENANT_ID } from '../../fakes/fake-teams.js';
import { spawnServe } from '../../helpers/spawn-serve.js';
import { until } from '../../helpers/until.js';

interface SubscriptionRow {
  platform: string;
  workspace_id: string;
  channel_id: string;
  rivalry: string;
  created_by: string;
}

/** Reads (or changes) the bot's SQLite file directly; serve may hold it open too (WAL). */
function withDb<T>(path: string, use: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    return use(db);
  } finally {
    db.close();
  }
}

const subscriptions = (path: string) => withDb(path, (db) => db.prepare('SELECT platform, workspace_id, channel_id, rivalry, created_by FROM subscriptions').all() as SubscriptionRow[]);

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Subscribe in a Teams channel and get the digest, through the real `serve` process and its SQLite
 * file: the conversation reference stored from the inbound activity is what the proactive post uses
 * after a restart, and the digest reaches the channel once.
 */
describe('Teams subscriptions through serve', () => {
  const teams = new FakeTeams();
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-teams-digest-'));
  const db = join(dir, 'rivalry.db');
  let env: Record<string, string>;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    await teams.start();
    env = { ...teams.env(), DATABASE_PATH: db };
  });
  afterAll(async () => {
    await stop(child);
    await teams.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Delivers a signed activity to serve and waits for the connector's reply in its thread. */
  async function ask(url: string, activity: Record<string, unknown>) {
    const before = teams.activities.length;
    expect((await deliver(url, activity, teams.token())).status).toBe(200);
    await until(() => teams.activities.length > before);
    return teams.activities[before];
  }

  it('lets a team owner subscribe, refuses a member, and posts the due digest to the channel exactly once', async () => {
    let port: string;
    ({ child, port } = await spawnServe(env));
    const url = `http://127.0.0.1:${port}/api/messages`;

    // The bot is added to the team: Teams says so on the channel's conversation.
    expect((await deliver(url, botAddedActivity(teams, CHANNEL_ID), teams.token())).status).toBe(200);

    // A member who does not own the team is refused after the roster says so, and nothing is stored.
    const memberReply = await ask(url, messageActivity(teams, 'subscribe amazon-vs-walmart daily at 09:00', { userId: MEMBER }));
    expect(memberReply?.raw).toContain('Not allowed');
    const rosterLookups = () => teams.connectorCalls().filter((r) => r.method === 'GET').map((r) => decodeURIComponent(r.path));
    expect(rosterLookups()).toEqual([`/teams/v3/conversations/${TEAM_ID}/members/${MEMBER}`]);
    expect(subscriptions(db)).toEqual([]);

    // The owner subscribes: stored for the channel (not the thread the command was typed in), keyed by tenant.
    const ownerReply = await ask(url, messageActivity(teams, 'subscribe amazon-vs-walmart daily at 09:00', { userId: OWNER }));
    expect(ownerReply?.raw).toContain('Subscribed');
    expect(rosterLookups()).toContain(`/teams/v3/conversations/${TEAM_ID}/members/${OWNER}`);
    expect(subscriptions(db)).toEqual([{ platform: 'teams', workspace_id: TEAMS_TENANT_ID, channel_id: CHANNEL_ID, rivalry: 'amazon-vs-walmart', created_by: OWNER }]);
    await stop(child);
    expect(teams.posted(CHANNEL_ID)).toEqual([]); // nothing due yet

    // Two days later, as far as the schedule can tell: today's 09:00 slot is due (and the scheduler recomputes it).
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    withDb(db, (d) => d.prepare('UPDATE subscriptions SET created_at = ?, last_slot = NULL, next_due_at = NULL').run(twoDaysAgo));

    // A fresh process knows the conversation only from the database.
    ({ child } = await spawnServe(env));
    await until(() => teams.posted(CHANNEL_ID).length > 0, 10_000);
    // Give a duplicate every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));

    const digests = teams.posted(CHANNEL_ID);
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    // A new post in the channel, not a reply to anything.
    expect(digest?.body['replyToId']).toBeUndefined();
    expect(digest?.raw).toContain('716.9');
    expect(digest?.raw).toContain('713.2');
    const card = cardOf(digest ?? { body: {} });
    expect(card?.['type']).toBe('AdaptiveCard');
    expect(card?.['version']).toBe('1.5');
    await stop(child);
  }, 30_000);
});
