/** Schema versions, applied in order at start-up, each in its own transaction. Never edit a released one: add the next. */
export const MIGRATIONS: ReadonlyArray<{ version: number; description: string; sql: string }> = [
  {
    version: 1,
    description: 'subscriptions, announced milestones, delivery outbox',
    sql: `
      CREATE TABLE subscriptions (
        id              INTEGER PRIMARY KEY,
        platform        TEXT NOT NULL,
        workspace_id    TEXT NOT NULL,
        channel_id      TEXT NOT NULL,
        rivalry         TEXT NOT NULL,
        schedule        TEXT NOT NULL,           -- JSON Schedule (frequency, weekday, monthDay, time, zone)
        alerts_only     INTEGER NOT NULL DEFAULT 0,
        created_by      TEXT NOT NULL,
        created_at      TEXT NOT NULL,
        last_slot       TEXT,
        disabled_reason TEXT,
        disabled_at     TEXT,
        UNIQUE (platform, workspace_id, channel_id, rivalry)
      );
      CREATE INDEX subscriptions_by_workspace ON subscriptions (platform, workspace_id);

      CREATE TABLE announced_milestones (
        subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        milestone_id    TEXT NOT NULL,
        announced_at    TEXT NOT NULL,
        baseline        INTEGER NOT NULL,       -- 1: already known when the channel subscribed, never announced
        PRIMARY KEY (subscription_id, milestone_id)
      );

      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        subscription_id INTEGER REFERENCES subscriptions (id) ON DELETE SET NULL,
        platform        TEXT NOT NULL,
        workspace_id    TEXT NOT NULL,
        channel_id      TEXT NOT NULL,
        payload         TEXT NOT NULL,          -- JSON neutral Message
        status          TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'rejected')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,       -- epoch ms
        last_error      TEXT,
        uncertain       INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        sent_at         INTEGER
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
    `,
  },
  {
    version: 2,
    description: 'digests can include the chart',
    sql: `ALTER TABLE subscriptions ADD COLUMN with_chart INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 3,
    description: 'when an item started sending, so another replica can take over a dead one\'s work',
    sql: `ALTER TABLE outbox ADD COLUMN sending_since INTEGER;`,
  },
  {
    version: 4,
    description: 'app installations per workspace (Slack OAuth)',
    sql: `CREATE TABLE installations (platform TEXT NOT NULL, workspace_id TEXT NOT NULL, data TEXT NOT NULL, installed_at TEXT NOT NULL, PRIMARY KEY (platform, workspace_id));`,
  },
  {
    version: 5,
    description: 'due posts are reserved by one sender at a time',
    sql: `ALTER TABLE outbox ADD COLUMN reserved_by TEXT; ALTER TABLE outbox ADD COLUMN reserved_until INTEGER;
          CREATE INDEX outbox_by_channel ON outbox (platform, workspace_id, channel_id, status);`,
  },
  {
    version: 6,
    description: 'senders sharing the platforms\' rate, platform-wide pauses (a global 429) they all honour, which sender holds a channel, and old sent posts found quickly for pruning',
    sql: `CREATE TABLE delivery_senders (owner TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
          CREATE TABLE delivery_pauses (platform TEXT PRIMARY KEY, paused_until INTEGER NOT NULL);
          CREATE INDEX outbox_channel_holder ON outbox (platform, workspace_id, channel_id, reserved_until);
          CREATE INDEX outbox_sent ON outbox (status, sent_at);`,
  },
  {
    version: 7,
    description: 'the rivalry catalog in the database (shipped files imported, rivalries tracked per workspace), its history and revision, and rates shared by every process (SEC)',
    sql: `CREATE TABLE catalog_rivalries (
            workspace  TEXT NOT NULL,             -- '' for rivalries shipped as files, else the tracking workspace ("slack:T123")
            slug       TEXT NOT NULL,
            origin     TEXT NOT NULL CHECK (origin IN ('file', 'tracked')),
            pair_key   TEXT NOT NULL,             -- sorted CIKs: the companies' identity
            document   TEXT NOT NULL,             -- JSON rivalry document (the file schema)
            version    INTEGER NOT NULL,          -- catalog revision that wrote it
            file_hash  TEXT,                      -- shipped files: hash of the text last imported
            created_by TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (workspace, slug)
          );
          CREATE UNIQUE INDEX catalog_tracked_pair ON catalog_rivalries (workspace, pair_key) WHERE origin = 'tracked';
          CREATE TABLE catalog_history (
            workspace  TEXT NOT NULL,
            slug       TEXT NOT NULL,
            version    INTEGER NOT NULL,
            change     TEXT NOT NULL,
            document   TEXT,                      -- NULL when the change removed it
            changed_at TEXT NOT NULL,
            PRIMARY KEY (workspace, slug, version)
          );
          CREATE TABLE catalog_revision (id INTEGER PRIMARY KEY CHECK (id = 1), revision INTEGER NOT NULL);
          INSERT INTO catalog_revision (id, revision) VALUES (1, 0);
          CREATE TABLE rate_slots (name TEXT PRIMARY KEY, next_at INTEGER NOT NULL);`,
  },
  {
    version: 8,
    description: 'a subscription may follow some metrics only',
    sql: `ALTER TABLE subscriptions ADD COLUMN metrics TEXT;  -- JSON array of metric ids; NULL: every metric`,
  },
  {
    version: 9,
    description: 'the earnings watcher: filings seen in SEC filing indexes, and leases (one replica polls)',
    sql: `CREATE TABLE sec_filings (
            accession   TEXT PRIMARY KEY,
            cik         TEXT NOT NULL,
            form        TEXT NOT NULL,
            items       TEXT NOT NULL,
            filed       TEXT NOT NULL,
            report_date TEXT,
            state       TEXT NOT NULL CHECK (state IN ('baseline', 'new', 'waiting', 'done', 'gave-up')),
            attempts    INTEGER NOT NULL DEFAULT 0,
            seen_at     INTEGER NOT NULL
          );
          CREATE INDEX sec_filings_by_cik ON sec_filings (cik);
          CREATE INDEX sec_filings_pending ON sec_filings (state);
          CREATE TABLE leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, until INTEGER NOT NULL);`,
  },
  {
    version: 10,
    description: 'tokens for button payloads too long for a platform',
    sql: `CREATE TABLE action_tokens (token TEXT PRIMARY KEY, payload TEXT NOT NULL, expires_at INTEGER NOT NULL);
          CREATE INDEX action_tokens_expiry ON action_tokens (expires_at);`,
  },
  {
    version: 11,
    description: 'digests at scale: each subscription\'s next due slot, indexed (a tick reads only what is due), and digest bodies stored once per slot and referenced by every post',
    sql: `ALTER TABLE subscriptions ADD COLUMN next_due_at INTEGER;  -- epoch ms; NULL: not computed yet (the scheduler fills it in)
          CREATE INDEX subscriptions_next_due ON subscriptions (next_due_at) WHERE disabled_reason IS NULL AND alerts_only = 0;
          CREATE TABLE outbox_payloads (hash TEXT PRIMARY KEY, payload TEXT NOT NULL, created_at INTEGER NOT NULL);
          ALTER TABLE outbox ADD COLUMN payload_hash TEXT;  -- when set, the body is outbox_payloads.payload and payload is ''
          CREATE INDEX outbox_payload_hash ON outbox (payload_hash) WHERE payload_hash IS NOT NULL;`,
  },
  {
    version: 12,
    description: 'operations: each outbox item\'s history of attempts and errors, and the audit trail of who changed what',
    sql: `CREATE TABLE outbox_events (
            id        INTEGER PRIMARY KEY,
            outbox_id INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
            at        INTEGER NOT NULL,        -- epoch ms
            kind      TEXT NOT NULL CHECK (kind IN ('retry', 'rate-limited', 'dead', 'rejected', 'recovered', 'requeued')),
            attempt   INTEGER NOT NULL,        -- the item's attempts when it happened
            detail    TEXT
          );
          CREATE INDEX outbox_events_by_item ON outbox_events (outbox_id, id);
          CREATE TABLE audit_log (
            id           INTEGER PRIMARY KEY,
            at           INTEGER NOT NULL,     -- epoch ms
            platform     TEXT NOT NULL,        -- or 'cli' for an operator
            workspace_id TEXT,
            channel_id   TEXT,
            actor        TEXT NOT NULL,
            action       TEXT NOT NULL,
            target       TEXT NOT NULL,
            detail       TEXT
          );
          CREATE INDEX audit_log_by_workspace ON audit_log (platform, workspace_id, at);`,
  },
  {
    version: 13,
    description: 'outbox indexes for scale: by subscription (unsubscribing, a refusal and the foreign key scanned the whole outbox), and not twice by channel',
    sql: `CREATE INDEX outbox_by_subscription ON outbox (subscription_id);
          DROP INDEX outbox_by_channel;  -- outbox_channel_holder starts with the same columns`,
  },
];
