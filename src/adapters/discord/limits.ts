/** Discord's message and embed limits (discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  contentChars: 2000,
  embedsPerMessage: 10,
  titleChars: 256,
  descriptionChars: 4096,
  fieldsPerEmbed: 25,
  fieldNameChars: 256,
  fieldValueChars: 1024,
  footerChars: 2048,
  /** Title, description, field names and values, footer text and author name together. */
  embedTotalChars: 6000,
  autocompleteChoices: 25,
} as const;

/** Colour for error replies (Discord's red). */
export const ERROR_COLOUR = 0xed4245;
