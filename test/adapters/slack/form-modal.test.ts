import { describe, expect, it } from 'vitest';
import { fieldErrors, formModal, formValues } from '../../../src/adapters/slack/form-modal.js';
import { SLACK_LIMITS as L } from '../../../src/adapters/slack/limits.js';
import type { FormSpec } from '../../../src/core/forms/form.js';
import { viewViolations } from './limit-violations.js';

const where = { team: 'T0001', channel: 'C0001', responseUrl: 'https://hooks.slack.com/actions/T0001/1/abc' };
type Input = { type: string; block_id?: string; optional?: boolean; element?: { type: string; options?: Array<{ value: string }>; initial_option?: { value: string }; initial_options?: Array<{ value: string }>; initial_value?: string } };

describe('form modal', () => {
  it('fits any form into Slack\'s modal limits, escaping labels and dropping a menu without choices', () => {
    const spec: FormSpec = {
      id: 'subscribe',
      title: 'Subscribe this channel to <!channel> digests',
      submitLabel: 'Subscribe with every option',
      fields: [
        { option: 'rivalry', label: `<!here> ${'L'.repeat(3000)}`, kind: 'select', choices: Array.from({ length: 150 }, (_, i) => ({ label: `<@U1> ${'c'.repeat(100)} ${i}`, value: `r${i}` })), initial: 'r120', required: true, hint: 'h'.repeat(3000) },
        { option: 'metrics', label: 'Metrics', kind: 'multi-select', choices: [], required: false },
        { option: 'time', label: 'Time', kind: 'text', initial: '09:00', required: true, placeholder: 'p'.repeat(300) },
        { option: 'with-chart', label: 'Chart', kind: 'checkbox', initial: true, required: false },
      ],
    };
    const view = formModal(spec, where);
    expect(viewViolations(view)).toEqual([]);
    expect(view.title.text).toBe('Subscribe this channel…');
    expect(JSON.stringify(view.blocks).replace(/<#C0001>/, '')).not.toMatch(/<[!@#]/);
    const inputs = view.blocks.filter((b) => b.type === 'input') as Input[];
    expect(inputs.map((b) => b.block_id)).toEqual(['rivalry', 'time', 'with-chart']);
    // The initial choice was beyond the first 100: the menu starts empty rather than breaking.
    expect(inputs[0]?.element?.options).toHaveLength(L.selectOptions);
    expect(inputs[0]?.element?.initial_option).toBeUndefined();
    expect(inputs[2]).toMatchObject({ optional: true, element: { type: 'checkboxes', initial_options: [{ value: 'true' }] } });
    expect(JSON.parse(view.private_metadata ?? '')).toEqual(where);
  });

  it('reads submitted values back by option, ignoring blocks that are not ours', () => {
    const values = formValues({
      rivalry: { value: { type: 'static_select', selected_option: { value: 'amazon-vs-walmart' } } },
      weekday: { value: { type: 'static_select', selected_option: null } },
      day: { value: { type: 'plain_text_input', value: null } },
      time: { value: { type: 'plain_text_input', value: ' 07:30 ' } },
      metrics: { value: { type: 'multi_static_select', selected_options: [{ value: 'capex' }] } },
      'alerts-only': { value: { type: 'checkboxes', selected_options: [] } },
      'with-chart': { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
      'not-an-option': { value: { type: 'plain_text_input', value: 'x' } },
      zone: { other: { type: 'plain_text_input', value: 'UTC' } },
    });
    expect(values).toEqual({ rivalry: 'amazon-vs-walmart', time: ' 07:30 ', metrics: ['capex'], 'alerts-only': false, 'with-chart': true });
  });

  it('puts each problem beside its field, and one about an option without a field beside the first field', () => {
    const blocks = [{ type: 'context' }, { type: 'input', block_id: 'rivalry' }, { type: 'input', block_id: 'time' }];
    expect(fieldErrors({ time: 'Use 24-hour HH:MM.' }, blocks)).toEqual({ time: 'Use 24-hour HH:MM.' });
    expect(fieldErrors({ metric: 'Unknown metric.', companies: 'Two companies.', time: 'Bad.' }, blocks)).toEqual({ rivalry: 'Unknown metric. Two companies.', time: 'Bad.' });
    expect(fieldErrors({ time: 'x'.repeat(1000) }, blocks)['time']?.length).toBeLessThanOrEqual(L.fieldErrorChars);
    expect(fieldErrors({ time: 'Bad.' }, [{ type: 'section' }])).toEqual({});
  });
});
