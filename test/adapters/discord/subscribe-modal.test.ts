import { describe, expect, it } from 'vitest';
import { formProblemsMessage, problemsByInput, reopenButton } from '../../../src/adapters/discord/form-replies.js';
import { MODAL_LIMITS as M } from '../../../src/adapters/discord/limits.js';
import { parseSchedule, subscribeModal, subscribeValues } from '../../../src/adapters/discord/subscribe-modal.js';
import { subscribeForm } from '../../../src/core/forms/subscribe-form.js';
import { decodeAction } from '../../../src/core/message/action-payload.js';
import { bundledContext } from '../../helpers/bundled.js';

const form = subscribeForm(bundledContext(), { rivalry: 'amazon-vs-walmart' }, 'Europe/Berlin');

describe('the subscribe modal', () => {
  it('has five text inputs within Discord\'s modal limits, pre-filled from the form', () => {
    const modal = subscribeModal(form, {});
    expect(modal.components.length).toBeLessThanOrEqual(M.components);
    expect(modal.title.length).toBeLessThanOrEqual(M.titleChars);
    const inputs = modal.components.map((c) => {
      if (c.type !== 18 || c.component.type !== 4) throw new Error('expected a label around a text input');
      expect(c.label.length).toBeLessThanOrEqual(M.labelChars);
      expect([...(c.description ?? '')].length).toBeLessThanOrEqual(M.labelDescriptionChars);
      expect([...(c.component.placeholder ?? '')].length).toBeLessThanOrEqual(M.placeholderChars);
      return [c.component.custom_id, c.component.value, c.component.required];
    });
    expect(inputs).toEqual([
      ['rivalry', 'amazon-vs-walmart', true],
      ['schedule', 'weekly monday', true],
      ['time', '09:00', true],
      ['zone', 'Europe/Berlin', true],
      ['metrics', undefined, false],
    ]);
  });

  it('takes a click\'s own options over the form\'s defaults (a retry shows what was typed)', () => {
    const modal = subscribeModal(form, { frequency: 'monthly', day: 'last', time: '25:00', 'with-chart': true, metrics: 'capex,net-margin' });
    const values = modal.components.map((c) => (c.type === 18 && c.component.type === 4 ? c.component.value : undefined));
    expect(values).toEqual(['amazon-vs-walmart', 'monthly last with-chart', '25:00', 'Europe/Berlin', 'capex,net-margin']);
  });
});

describe('schedule words', () => {
  it.each([
    ['daily', { frequency: 'daily' }],
    ['weekly monday', { frequency: 'weekly', weekday: 'monday' }],
    ['Every Fri', { frequency: 'weekly', weekday: 'friday' }],
    ['monthly on the 15th', { frequency: 'monthly', day: '15' }],
    ['monthly last, with chart', { frequency: 'monthly', day: 'last', 'with-chart': true }],
    ['alerts only', { 'alerts-only': true }],
    ['', {}],
  ])('"%s"', (words, expected) => {
    expect(parseSchedule(words)).toEqual({ values: { 'alerts-only': false, 'with-chart': false, ...expected } });
  });

  it.each([
    ['fortnightly', 'Not understood: "fortnightly"'],
    ['daily weekly', 'not both "daily" and "weekly"'],
    ['daily monday', 'A weekday goes with weekly digests'],
    ['weekly 15', 'A day of the month goes with monthly digests'],
  ])('refuses "%s"', (words, problem) => {
    expect(parseSchedule(words).problem).toContain(problem);
  });

  it('maps a submission back to the form\'s values', () => {
    expect(subscribeValues({ rivalry: 'amazon-vs-walmart', schedule: 'weekly tue', time: '07:30', zone: 'Europe/Berlin', metrics: 'capex, net-margin' })).toEqual({
      ok: true,
      values: { rivalry: 'amazon-vs-walmart', frequency: 'weekly', weekday: 'tuesday', time: '07:30', zone: 'Europe/Berlin', metrics: ['capex', 'net-margin'], 'alerts-only': false, 'with-chart': false },
    });
    expect(subscribeValues({ schedule: 'sometimes' })).toMatchObject({ ok: false, errors: { schedule: expect.stringContaining('"sometimes"') } });
  });
});

describe('problems with a submission', () => {
  it('are listed under the labels of the inputs they belong to, with a button that reopens the form', () => {
    const problems = problemsByInput({ time: 'Use 24-hour HH:MM.', weekday: 'Not a weekday.', zone: 'Unknown zone.' });
    expect(problems).toEqual({ time: 'Use 24-hour HH:MM.', schedule: 'Not a weekday.', zone: 'Unknown zone.' });
    const message = formProblemsMessage(problems, { rivalry: 'amazon-vs-walmart', time: '25:00' }, []);
    expect(message.visibility).toBe('private');
    expect(message.fields.map((f) => f.label)).toEqual(['Time (24-hour HH:MM)', 'Schedule', 'Time zone']);
    expect(message.actions?.[0]).toMatchObject({ type: 'form', label: 'Open the form again' });
  });

  it('keep the reopen button\'s custom_id within 100 characters, dropping the least useful values first', () => {
    const button = reopenButton({ rivalry: 'amazon-vs-walmart', frequency: 'weekly', weekday: 'wednesday', time: '07:30', zone: 'America/Argentina/ComodRivadavia', metrics: ['operating-margin', 'net-margin', 'free-cash-flow'], 'with-chart': true }, 'Again');
    expect(`form:${button.payload ?? ''}`.length).toBeLessThanOrEqual(100);
    const decoded = decodeAction(button.payload ?? '');
    expect(decoded).toMatchObject({ kind: 'form', options: { rivalry: 'amazon-vs-walmart', frequency: 'weekly', weekday: 'wednesday', time: '07:30' } });
    expect(decoded.kind === 'form' && decoded.options.metrics).toBeUndefined();
  });
});

describe('a refusal no input is at fault for', () => {
  it('is said as it came, with the button to try again', () => {
    const message = formProblemsMessage({}, { rivalry: 'amazon-vs-walmart' }, [], 'The store is read-only.');
    expect(message.summary).toBe('Nothing was saved. The store is read-only.');
    expect(message.fields).toEqual([]);
    expect(message.actions).toHaveLength(1);
  });
});
