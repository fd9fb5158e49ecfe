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

/** Message components (discord.com/developers/docs/components/reference): rows of buttons, or one menu per row. */
export const COMPONENT_LIMITS = {
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabelChars: 80,
  /** Every custom_id (buttons, menus, modals, text inputs): 1–100 characters, unique within its message or modal. */
  customIdChars: 100,
  selectOptions: 25,
  selectOptionLabelChars: 100,
  selectOptionValueChars: 100,
  selectPlaceholderChars: 150,
} as const;

/** Modals (discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-modal). */
export const MODAL_LIMITS = {
  titleChars: 45,
  /** Top-level components: here, one label per text input. */
  components: 5,
  labelChars: 45,
  labelDescriptionChars: 100,
  placeholderChars: 100,
  valueChars: 4000,
} as const;

/** Colour for error replies (Discord's red). */
export const ERROR_COLOUR = 0xed4245;
