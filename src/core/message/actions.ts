import type { RawArgs } from '../commands/command.js';

/**
 * The next steps a reply offers, as buttons and menus. The core decides which; adapters only render
 * them and route clicks back. A click runs its command again as the person who clicked (parsed,
 * validated and authorised like typed text), so a payload is never trusted.
 */

/** A command a click runs, as structured options. */
export interface ActionCommand {
  command: string;
  options: RawArgs;
}

/** update: the result replaces the message the button is on (switching the basis); new: it is a reply of its own. */
export type ActionEffect = 'update' | 'new';

interface ActionBase {
  /** Unique within the message: adapters key elements by it. */
  id: string;
  /**
   * The click's payload, filled in by the app before rendering (`src/app/actions/`): the command
   * encoded compactly, or a short server-side token when it would not fit every platform. An action
   * without one is not rendered.
   */
  payload?: string;
}

export interface ButtonAction extends ActionBase {
  type: 'button';
  label: string;
  style?: 'primary' | 'danger';
  run: ActionCommand;
  effect: ActionEffect;
}

export interface SelectChoice {
  label: string;
  run: ActionCommand;
  payload?: string;
}

/** A menu of choices (a rivalry, a metric); each choice runs its own command. */
export interface SelectAction extends ActionBase {
  type: 'select';
  placeholder: string;
  choices: SelectChoice[];
  effect: ActionEffect;
}

/** Opens a form (a modal where the platform has them), pre-filled with `options`. */
export interface FormAction extends ActionBase {
  type: 'form';
  label: string;
  form: FormId;
  options: RawArgs;
}

export type FormId = 'subscribe';

export type MessageAction = ButtonAction | SelectAction | FormAction;

export const button = (id: string, label: string, run: ActionCommand, effect: ActionEffect = 'new', style?: ButtonAction['style']): ButtonAction => ({
  type: 'button',
  id,
  label,
  run,
  effect,
  ...(style === undefined ? {} : { style }),
});
