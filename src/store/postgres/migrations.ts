/** The PostgreSQL schema, version for version the same as SQLite's (src/store/sqlite/migrations.ts). */
export const PG_MIGRATIONS: ReadonlyArray<{ version: number; description: string; sql: string }> = [
  {
    version: 1,
    description: 'subscriptions, announced milestones, delivery outbox',
    sql: `
      CREATE TABLE subscriptions (
        id              BIGSERIAL PRIMARY KEY,
        platform        TEXT NOT NULL,
        workspace_id    TEXT NOT NULL,
        channel_id      TEXT NOT NULL,
        rivalry         TEXT NOT NULL,
        schedule        JSONB NOT NULL,
        alerts_only     BOOLEAN NOT NULL DEFAULT FALSE,
        created_by      TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        last_slot       TEXT,
        disabled_reason TEXT,
        disabled_at     TEXT,
        UNIQUE (platform, workspace_id, channel_id, rivalry)
      );
      CREATE INDEX subscriptions_by_workspace ON subscriptions (platform, workspace_id);
      CREATE TABLE announced_milestones (
        subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        milestone_id    TEXT NOT NULL,
        announced_at    TEXT NOT NULL,
        baseline        BOOLEAN NOT NULL,
        PRIMARY KEY (subscription_id, milestone_id)
      );
      CREATE TABLE outbox (
        id              BIGSERIAL PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        subscription_id BIGINT REFERENCES subscriptions (id) ON DELETE SET NULL,
        platform        TEXT NOT NULL,
        workspace_id    TEXT NOT NULL,
        channel_id      TEXT NOT NULL,
        payload         JSONB NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'rejected')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        last_error      TEXT,
        uncertain       BOOLEAN NOT NULL DEFAULT FALSE,
        created_at      BIGINT NOT NULL,
        sent_at         BIGINT
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    `,
  },
  {
    version: 2,
    description: 'digests can include the chart',
    sql: `ALTER TABLE subscriptions ADD COLUMN with_chart BOOLEAN NOT NULL DEFAULT FALSE;`,
  },
  {
    version: 3,
    description: 'when an item started sending, so another replica can take over a dead one\'s work',
    sql: `ALTER TABLE outbox ADD COLUMN sending_since BIGINT;`,
  },
  {
    version: 4,
    description: 'app installations per workspace (Slack OAuth)',
    sql: `CREATE TABLE installations (platform TEXT NOT NULL, workspace_id TEXT NOT NULL, data JSONB NOT NULL, installed_at TEXT NOT NULL, PRIMARY KEY (platform, workspace_id));`,
  },
  {
    version: 5,
    description: 'due posts are reserved by one sender at a time',
    sql: `ALTER TABLE outbox ADD COLUMN reserved_by TEXT; ALTER TABLE outbox ADD COLUMN reserved_until BIGINT;
          CREATE INDEX outbox_by_channel ON outbox (platform, workspace_id, channel_id, status);`,
  },
];
