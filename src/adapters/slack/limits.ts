/** Slack's Block Kit limits (docs.slack.dev/reference/block-kit). Exceeding one makes Slack reject the whole message. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerChars: 150,
  sectionTextChars: 3000,
  fieldsPerSection: 10,
  fieldChars: 2000,
  contextElements: 10,
  contextElementChars: 2000,
  /**
   * Not documented, but Slack answers msg_blocks_too_long a little above ~13,000 characters of block text
   * (slackapi/bolt-js#2509). We stay well under it.
   */
  totalBlockChars: 12_000,
  /** Top-level `text`: used for notifications and screen readers; Slack truncates at 40,000. */
  fallbackChars: 3000,
} as const;
