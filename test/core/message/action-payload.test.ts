import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OptionName } from '../../../src/core/commands/command.js';
import { actionEffect, decodeAction, encodeCommand, encodeForm, fitsEveryPlatform } from '../../../src/core/message/action-payload.js';

const OPTIONS: OptionName[] = ['rivalry', 'metric', 'basis', 'company', 'kind', 'since', 'frequency', 'zone', 'metrics', 'channel', 'alerts-only'];

describe('click payloads', () => {
  it('round-trip any command, whatever characters its values hold', () => {
    fc.assert(
      fc.property(fc.constantFrom('compare', 'history', 'unsubscribe'), fc.dictionary(fc.constantFrom(...OPTIONS), fc.string({ minLength: 1, maxLength: 20 }).filter((v) => v !== 'true' && v !== 'false')), fc.boolean(), (command, options, update) => {
        const payload = encodeCommand({ command, options }, update ? 'update' : 'new');
        expect(decodeAction(payload)).toEqual({ kind: 'command', effect: update ? 'update' : 'new', run: { command, options } });
        expect(actionEffect(payload)).toBe(update ? 'update' : 'new');
      }),
    );
  });

  it('keep the common buttons within Telegram\'s 64 bytes', () => {
    const payload = encodeCommand({ command: 'compare', options: { rivalry: 'amazon-vs-walmart', metric: 'operating-cash-flow', basis: 'quarterly' } }, 'update');
    expect(payload).toBe('uc|compare|r=amazon-vs-walmart|m=operating-cash-flow|b=quarterly');
    expect(fitsEveryPlatform(payload)).toBe(true);
    expect(fitsEveryPlatform(encodeCommand({ command: 'compare', options: { rivalry: 'a'.repeat(64) } }, 'new'))).toBe(false);
    expect(decodeAction(encodeForm('subscribe', { rivalry: 'nvda-vs-amd' }))).toEqual({ kind: 'form', form: 'subscribe', options: { rivalry: 'nvda-vs-amd' } });
  });

  it('call anything forged or malformed invalid', () => {
    for (const forged of ['', 'x', 'zc|compare', 'uc|compare|zz=1', 'ut|short', 'nf|delete-everything', 'uc|compare|=x', `uc|compare|r=${'a'.repeat(2000)}`]) {
      expect(decodeAction(forged)).toEqual({ kind: 'invalid' });
    }
  });
});
