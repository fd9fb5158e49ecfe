/**
 * What a Teams message may hold, and the shares we give each part. Teams documents its message size
 * limit anywhere between ~28 KB (connector cards) and ~100 KB; we stay under the lower figure.
 */
export const TEAMS_LIMITS = {
  /** The whole outbound activity (card, fallback, summary) as UTF-8 JSON. */
  activityBytes: 28 * 1024,
  /** Adaptive Card schema version: Teams renders up to 1.5 on every client. */
  cardVersion: '1.5',
  titleChars: 300,
  summaryChars: 2000,
  fieldLabelChars: 200,
  fieldValueChars: 1000,
  cellChars: 200,
  contextLines: 10,
  contextChars: 500,
  /** The card's plain-text fallback (clients that can't draw it) and the activity summary (notifications). */
  fallbackChars: 1000,
  notificationChars: 200,
  /** Teams' host config shows at most 6 actions in one action set. */
  actionsPerSet: 6,
  /** Our cap on button rows (action sets) per card, and choices per menu: more would crowd a chat message. */
  actionSets: 2,
  choicesPerMenu: 50,
  buttonTitleChars: 40,
  choiceTitleChars: 100,
  placeholderChars: 100,
  /** Our share of the activity for buttons and menus, so the figures always keep most of it. */
  actionsBytes: 6 * 1024,
  /** A click's payload, as the core encodes it (Action.Submit data). */
  payloadBytes: 64,
} as const;
