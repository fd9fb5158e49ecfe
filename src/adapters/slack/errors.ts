/** Slack errors about one channel that retrying will not fix: the subscription there is stopped, in words an admin can act on. */
export const CHANNEL_REFUSALS: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the app cannot see it',
  not_in_channel: 'the app is not a member of the channel: invite it with /invite @rivalry-bot',
  is_archived: 'the channel is archived',
  restricted_action: 'a workspace policy stops the app from posting there',
};

/**
 * Errors about the bot's credentials, not the channel: every channel of the workspace fails alike until
 * the token is fixed (a rotation half done, a stale secret in one replica). Retried, then dead-lettered
 * for `outbox retry --dead`; stopping the subscriptions would lose every channel's posts for a config slip.
 * A removed app is handled by Slack's app_uninstalled / tokens_revoked events instead.
 */
export const CREDENTIAL_PROBLEMS: Record<string, string> = {
  invalid_auth: 'the bot token is invalid (check SLACK_BOT_TOKEN or the stored installation)',
  account_inactive: 'the bot token belongs to a deactivated app or user',
  token_revoked: 'the bot token was revoked (app uninstalled, or the token rotated?)',
  missing_scope: 'the app lacks a scope it needs (reinstall it from the manifest)',
};

/** Every error above, for messages. */
export const SLACK_ERROR_HINTS: Record<string, string> = { ...CHANNEL_REFUSALS, ...CREDENTIAL_PROBLEMS };
