/** Slack errors that retrying will not fix, in words an admin can act on. */
export const PERMANENT_SLACK_ERRORS: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the app cannot see it',
  not_in_channel: 'the app is not a member of the channel: invite it with /invite @rivalry-bot',
  is_archived: 'the channel is archived',
  invalid_auth: 'the bot token is invalid',
  account_inactive: 'the bot token belongs to a deactivated app or user',
  token_revoked: 'the bot token was revoked (app uninstalled?)',
  missing_scope: 'the app lacks a scope it needs (reinstall it from the manifest)',
  restricted_action: 'a workspace policy stops the app from posting there',
};
