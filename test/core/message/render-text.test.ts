import { describe, expect, it } from 'vitest';
import { createMessage } from '../../../src/core/message/message.js';
import { renderTableText, renderText } from '../../../src/core/message/render-text.js';

describe('renderText', () => {
  it('lays out title, summary, aligned fields, table and context', () => {
    const text = renderText(
      createMessage({
        title: 'T',
        summary: 'S',
        fields: [{ label: 'A', value: '1' }, { label: 'Longer', value: 'two\nlines' }],
        table: { columns: [{ header: 'Name', align: 'left' }, { header: 'Value', align: 'right' }], rows: [['x', '1'], ['yy', '1,000']] },
        context: ['Source: here'],
        fallbackText: 'T: S',
      }),
    );
    expect(text).toBe(['T', '', 'S', '', 'A:      1', 'Longer: two', '        lines', '', 'Name  Value', '────  ─────', 'x         1', 'yy    1,000', '', '· Source: here'].join('\n'));
  });

  it('marks errors and strips terminal escape sequences from data or user text', () => {
    const text = renderText(createMessage({ title: 'Bad \u001b[31mred\u001b[0m', severity: 'error', summary: 'bell\u0007', fallbackText: 'x' }));
    expect(text).toBe('✗ Bad red\n\nbell');
  });

  it('pads ragged rows instead of failing', () => {
    expect(renderTableText({ columns: [{ header: 'a', align: 'left' }, { header: 'b', align: 'right' }], rows: [['only']] })).toBe('a     b\n────  ─\nonly');
  });
});
