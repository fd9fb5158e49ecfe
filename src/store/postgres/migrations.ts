import { MIGRATIONS } from '../sqlite/migrations.js';

/** The same schema versions as SQLite (src/store/sqlite/migrations.ts), in PostgreSQL's dialect. */
const SQL: Record<number, string> = {
  1: `
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
  2: `ALTER TABLE subscriptions ADD COLUMN with_chart BOOLEAN NOT NULL DEFAULT FALSE;`,
  3: `ALTER TABLE outbox ADD COLUMN sending_since BIGINT;`,
  4: `CREATE TABLE installations (platform TEXT NOT NULL, workspace_id TEXT NOT NULL, data JSONB NOT NULL, installed_at TEXT NOT NULL, PRIMARY KEY (platform, workspace_id));`,
  5: `ALTER TABLE outbox ADD COLUMN reserved_by TEXT; ALTER TABLE outbox ADD COLUMN reserved_until BIGINT;
          CREATE INDEX outbox_by_channel ON outbox (platform, workspace_id, channel_id, status);`,
  6: `CREATE TABLE delivery_senders (owner TEXT PRIMARY KEY, seen_at BIGINT NOT NULL);
      CREATE TABLE delivery_pauses (platform TEXT PRIMARY KEY, paused_until BIGINT NOT NULL);
      CREATE INDEX outbox_channel_holder ON outbox (platform, workspace_id, channel_id, reserved_until);
          CREATE INDEX outbox_sent ON outbox (status, sent_at);`,
  7: `CREATE TABLE catalog_rivalries (
        workspace  TEXT NOT NULL,
        slug       TEXT NOT NULL,
        origin     TEXT NOT NULL CHECK (origin IN ('file', 'tracked')),
        pair_key   TEXT NOT NULL,
        document   JSONB NOT NULL,
        version    BIGINT NOT NULL,
        file_hash  TEXT,
        created_by TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (workspace, slug)
      );
      CREATE UNIQUE INDEX catalog_tracked_pair ON catalog_rivalries (workspace, pair_key) WHERE origin = 'tracked';
      CREATE TABLE catalog_history (workspace TEXT NOT NULL, slug TEXT NOT NULL, version BIGINT NOT NULL, change TEXT NOT NULL, document JSONB, changed_at TEXT NOT NULL, PRIMARY KEY (workspace, slug, version));
      CREATE TABLE catalog_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision BIGINT NOT NULL);
      INSERT INTO catalog_revision (id, revision) VALUES (1, 0);
      CREATE TABLE rate_slots (name TEXT PRIMARY KEY, next_at BIGINT NOT NULL);`,
  8: `ALTER TABLE subscriptions ADD COLUMN metrics JSONB;`,
  9: `CREATE TABLE sec_filings (
        accession   TEXT PRIMARY KEY,
        cik         TEXT NOT NULL,
        form        TEXT NOT NULL,
        items       TEXT NOT NULL,
        filed       TEXT NOT NULL,
        report_date TEXT,
        state       TEXT NOT NULL CHECK (state IN ('baseline', 'new', 'waiting', 'done', 'gave-up')),
        attempts    INTEGER NOT NULL DEFAULT 0,
        seen_at     BIGINT NOT NULL
      );
      CREATE INDEX sec_filings_by_cik ON sec_filings (cik);
      CREATE INDEX sec_filings_pending ON sec_filings (state);
      CREATE TABLE leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, until BIGINT NOT NULL);`,
  10: `CREATE TABLE action_tokens (token TEXT PRIMARY KEY, payload TEXT NOT NULL, expires_at BIGINT NOT NULL);
       CREATE INDEX action_tokens_expiry ON action_tokens (expires_at);`,
  11: `ALTER TABLE subscriptions ADD COLUMN next_due_at BIGINT;
       CREATE INDEX subscriptions_next_due ON subscriptions (next_due_at) WHERE disabled_reason IS NULL AND alerts_only = FALSE;
       CREATE TABLE outbox_payloads (hash TEXT PRIMARY KEY, payload JSONB NOT NULL, created_at BIGINT NOT NULL);
       ALTER TABLE outbox ADD COLUMN payload_hash TEXT;
       ALTER TABLE outbox ALTER COLUMN payload DROP NOT NULL;
       CREATE INDEX outbox_payload_hash ON outbox (payload_hash) WHERE payload_hash IS NOT NULL;`,
  12: `CREATE TABLE outbox_events (
        id        BIGSERIAL PRIMARY KEY,
        outbox_id BIGINT NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
        at        BIGINT NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('retry', 'rate-limited', 'dead', 'rejected', 'recovered', 'requeued')),
        attempt   INTEGER NOT NULL,
        detail    TEXT
      );
      CREATE INDEX outbox_events_by_item ON outbox_events (outbox_id, id);
      CREATE TABLE audit_log (
        id           BIGSERIAL PRIMARY KEY,
        at           BIGINT NOT NULL,
        platform     TEXT NOT NULL,
        workspace_id TEXT,
        channel_id   TEXT,
        actor        TEXT NOT NULL,
        action       TEXT NOT NULL,
        target       TEXT NOT NULL,
        detail       TEXT
      );
      CREATE INDEX audit_log_by_workspace ON audit_log (platform, workspace_id, at);`,
  13: `CREATE INDEX outbox_by_subscription ON outbox (subscription_id);
      DROP INDEX outbox_by_channel;`,
};

export const PG_MIGRATIONS: ReadonlyArray<{ version: number; description: string; sql: string }> = MIGRATIONS.map((m) => {
  const sql = SQL[m.version];
  if (sql === undefined) throw new Error(`migration ${m.version} has no PostgreSQL version`);
  return { ...m, sql };
});
