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

  /** Interactive elements in one actions block. */
  actionsElements: 25,
  buttonTextChars: 75,
  actionIdChars: 255,
  buttonValueChars: 2000,
  /** Options in a static or multi-static select. */
  selectOptions: 100,
  optionTextChars: 75,
  optionValueChars: 150,
  placeholderChars: 150,
  /** Our own share of a message for buttons and menus (JSON characters), so the figures always keep most of the budget. */
  actionsChars: 4000,
  /** Our own cap on actions blocks per message (50 buttons at most, far more than any reply offers). */
  actionsBlocks: 2,

  /** Blocks in a modal or a Home tab. */
  viewBlocks: 100,
  /** A modal's title, submit and close labels. */
  viewLabelChars: 24,
  inputLabelChars: 2000,
  inputHintChars: 2000,
  /** Checkboxes options in one element. */
  checkboxOptions: 10,
  privateMetadataChars: 3000,
  /** Not documented; an error under a modal field shows on one or two lines, so we keep it short. */
  fieldErrorChars: 300,
} as const;
