import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APISelectMenuOption,
  type APIStringSelectComponent,
} from 'discord-api-types/v10';
import type { ButtonAction, FormAction, MessageAction, SelectAction } from '../../core/message/actions.js';
import { truncate } from '../../core/message/truncate.js';
import { commandButtonId, formButtonId, menuId } from './custom-ids.js';
import { breakMentions } from './escape.js';
import { COMPONENT_LIMITS as C } from './limits.js';

/** What we render: rows of buttons that carry a custom_id, or of one string menu. */
export type DiscordActionRow = APIActionRowComponent<APIButtonComponentWithCustomId | APIStringSelectComponent>;

const STYLES: Record<NonNullable<ButtonAction['style']> | 'none', APIButtonComponentWithCustomId['style']> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  none: ButtonStyle.Secondary,
};

/** Labels are plain text (no markdown), but mention syntax is still broken so nothing even looks like a ping. */
const label = (text: string, max: number) => truncate(breakMentions(text), max) || '…';

function button(action: ButtonAction | FormAction, used: Set<string>): APIButtonComponentWithCustomId | undefined {
  if (action.payload === undefined) return undefined;
  const customId = action.type === 'form' ? formButtonId(action.payload) : commandButtonId(action.payload);
  // Discord refuses a message with a repeated custom_id; a second button with the same payload would do the same thing anyway.
  if (customId === undefined || used.has(customId)) return undefined;
  used.add(customId);
  const style = action.type === 'button' ? STYLES[action.style ?? 'none'] : STYLES.none;
  return { type: ComponentType.Button, style, label: label(action.label, C.buttonLabelChars), custom_id: customId };
}

function select(action: SelectAction, used: Set<string>, index: number): APIStringSelectComponent | undefined {
  const values = new Set<string>();
  const options: APISelectMenuOption[] = [];
  for (const choice of action.choices) {
    if (options.length === C.selectOptions) break;
    const value = choice.payload;
    if (value === undefined || value.length > C.selectOptionValueChars || values.has(value)) continue;
    values.add(value);
    options.push({ label: label(choice.label, C.selectOptionLabelChars), value });
  }
  if (options.length === 0) return undefined;
  const preferred = menuId(action.id);
  const customId = used.has(preferred) ? menuId(`#${index}`) : preferred;
  used.add(customId);
  return { type: ComponentType.StringSelect, custom_id: customId, placeholder: label(action.placeholder, C.selectPlaceholderChars), options };
}

/**
 * A reply's actions as action rows, in order: buttons (a form's included) fill rows of five, each menu
 * takes a row of its own, at most five rows; whatever does not fit is left out (the typed commands
 * still do everything the buttons do). Actions without a payload are not rendered.
 */
export function renderComponents(actions: readonly MessageAction[] | undefined): DiscordActionRow[] {
  const rows: DiscordActionRow[] = [];
  const used = new Set<string>();
  let open: APIButtonComponentWithCustomId[] = [];
  const close = () => {
    if (open.length > 0 && rows.length < C.actionRows) rows.push({ type: ComponentType.ActionRow, components: open });
    open = [];
  };
  for (const [index, action] of (actions ?? []).entries()) {
    if (rows.length === C.actionRows) break;
    if (action.type === 'select') {
      const menu = select(action, used, index);
      if (menu === undefined) continue;
      close();
      if (rows.length < C.actionRows) rows.push({ type: ComponentType.ActionRow, components: [menu] });
      continue;
    }
    const rendered = button(action, used);
    if (rendered === undefined) continue;
    open.push(rendered);
    if (open.length === C.buttonsPerRow) close();
  }
  close();
  return rows;
}
