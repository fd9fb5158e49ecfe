import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterCapabilities, ChatAdapter } from '../../src/adapters/contract.js';
import { COMMANDS } from '../../src/core/commands/index.js';
import { createMessage } from '../../src/core/message/message.js';
import { button } from '../../src/core/message/actions.js';

/** What one reply looked like at the fake platform. */
export interface SeenReply {
  /** Everything the platform received for it, as text (JSON or HTML). */
  text: string;
  /** Only the asker sees it. */
  private: boolean;
}

export type PostFault = '429' | '5xx' | 'permanent';

/**
 * What an adapter supplies to run the shared contract suite: its fake platform, the real adapter
 * started through the app's wiring, and a few platform-specific readings of what the fake received.
 */
export interface ContractHarness {
  start(): Promise<ChatAdapter>;
  stop(): Promise<void>;
  /** A user sends `/rivalry <text>`; resolves to the reply the platform received. */
  ask(text: string): Promise<SeenReply>;
  /** The platform limits a rendered payload breaks (empty when it fits). */
  limitViolations(payload: unknown): string[];
  /** Whether a rendered payload could notify people (a live @everyone, <!channel>, user link…). */
  couldPing(payload: unknown): boolean;
  /** The fake answers the next channel post with this fault. */
  failNextPost(fault: PostFault): void;
  /** Whether the platform received this idempotency key with the last post (in its own encoding). */
  lastPostCarried(key: string): boolean;
  /**
   * A user sends `/rivalry <text>`, then clicks the reply's action `actionId` (a button, or a menu's
   * first choice) as the platform would deliver the click; resolves to what the platform received in
   * answer, and whether that replaced the original message.
   */
  click(text: string, actionId: string): Promise<SeenReply & { updated: boolean }>;
  /** Delivers a click with a forged or missing signature: the HTTP status (undefined where clicks arrive over an authenticated connection). */
  forgedClick(): Promise<number | undefined>;
}

const INJECTION = '@everyone @here <!channel> <!here> <@U0123> <@123456789012345678> <@&42> <#C1> <a href="tg://user?id=1">x</a> [x](https://evil.example)';

/** The contract every chat adapter passes: `runAdapterContract('slack', harness)`. */
export function runAdapterContract(name: string, harness: ContractHarness): void {
  describe(`adapter contract: ${name}`, () => {
    let adapter: ChatAdapter;
    let capabilities: AdapterCapabilities;
    beforeAll(async () => {
      adapter = await harness.start();
      capabilities = adapter.capabilities;
    });
    afterAll(() => harness.stop());

    it('names its platform and declares its capabilities', () => {
      expect(adapter.platform).toBe(name);
      expect(capabilities.maxMessageChars).toBeGreaterThan(0);
      expect(adapter.modes.length).toBeGreaterThan(0);
    });

    it.each(COMMANDS.map((c) => c.name))('answers %s', async (command) => {
      const reply = await harness.ask(command);
      expect(reply.text.length).toBeGreaterThan(20);
    });

    it('answers with the figures, periods and sources', async () => {
      const reply = await harness.ask('compare amazon-vs-walmart');
      for (const s of ['716.9', '713.2', 'FY2025', 'FY2026', '10-K']) expect(reply.text).toContain(s);
    });

    it('keeps errors private where the platform can', async () => {
      const reply = await harness.ask('compare amazn-vs-walmart');
      expect(reply.text).toContain('amazon-vs-walmart');
      expect(reply.private).toBe(capabilities.ephemeral);
    });

    it('renders an oversized message within every platform limit', () => {
      const huge = createMessage({
        title: 'T'.repeat(500),
        summary: 'S'.repeat(9000),
        fields: Array.from({ length: 80 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(2500), inline: i % 2 === 0 })),
        table: { columns: [{ header: 'Year', align: 'left' }, { header: 'Value', align: 'right' }], rows: Array.from({ length: 600 }, (_, i) => [`FY${1500 + i}`, '$1.0B']) },
        context: Array.from({ length: 20 }, (_, i) => `Source ${i}: ${'x'.repeat(300)}`),
        fallbackText: 'F'.repeat(50_000),
      });
      expect(harness.limitViolations(adapter.render(huge))).toEqual([]);
    });

    it('renders a reply\'s buttons and menus within the platform\'s limits, however many there are', () => {
      const many = createMessage({
        title: 'Actions',
        fallbackText: 'Actions',
        actions: [
          ...Array.from({ length: 40 }, (_, i) => ({ ...button(`b${i}`, `Button ${i} ${'x'.repeat(120)}`, { command: 'compare', options: {} }), payload: `nc|compare|r=r${i}` })),
          { type: 'select' as const, id: 'menu', placeholder: 'P'.repeat(300), effect: 'new' as const, choices: Array.from({ length: 150 }, (_, i) => ({ label: `Choice ${i} ${'y'.repeat(120)}`, run: { command: 'compare', options: {} }, payload: `nc|compare|r=c${i}` })) },
        ],
      });
      expect(harness.limitViolations(adapter.render(many))).toEqual([]);
    });

    it('runs a clicked button as the same command typed, as a new reply', async () => {
      const clicked = await harness.click('compare amazon-vs-walmart', 'scoreboard');
      const typed = await harness.ask('scoreboard amazon-vs-walmart annual');
      expect(clicked.updated).toBe(false);
      for (const s of ['Scoreboard', '716.9', 'Operating margin']) expect(clicked.text).toContain(s);
      expect(typed.text).toContain('Operating margin');
    });

    it('switches the basis in place: the click edits the original message', async () => {
      const clicked = await harness.click('compare amazon-vs-walmart', 'basis-quarter');
      expect(clicked.updated).toBe(capabilities.edits);
      expect(clicked.text).toContain('quarterly revenue');
    });

    it('refuses a forged click before running anything', async () => {
      const status = await harness.forgedClick();
      if (status !== undefined) expect(status).toBe(401);
    });

    it('never lets data or user text ping anyone', async () => {
      const rendered = adapter.render(createMessage({ title: INJECTION, summary: INJECTION, fields: [{ label: INJECTION, value: INJECTION }], table: { columns: [{ header: INJECTION, align: 'left' }], rows: [[INJECTION]] }, context: [INJECTION], fallbackText: INJECTION }));
      expect(harness.couldPing(rendered)).toBe(false);
      const reply = await harness.ask(`compare ${INJECTION}`);
      expect(harness.couldPing(reply.text)).toBe(false);
    });

    describe('posting into channels', () => {
      const message = createMessage({ title: 'Weekly digest', summary: 'Amazon leads', fallbackText: 'Amazon leads' });
      const post = (key: string) => {
        if (adapter.poster === undefined) throw new Error(`${name}: no poster`);
        return adapter.poster.post(CHANNEL[name] ?? 'C1', message, { idempotencyKey: key, uncertain: false, queuedAt: Date.now() });
      };

      it('posts, carrying the idempotency key where the platform can take one', async () => {
        expect(await post('contract:ok')).toEqual({ kind: 'ok' });
        expect(harness.lastPostCarried('contract:ok')).toBe(capabilities.idempotentPosts);
      });

      it('maps 429 to retry-after', async () => {
        harness.failNextPost('429');
        expect(await post('contract:429')).toMatchObject({ kind: 'retry-after', ms: expect.any(Number) });
      });

      it('maps 5xx to a transient failure (retried with backoff)', async () => {
        harness.failNextPost('5xx');
        expect((await post('contract:5xx')).kind).toBe('transient');
      });

      it('maps a permanent refusal to rejected, with a reason', async () => {
        harness.failNextPost('permanent');
        expect(await post('contract:permanent')).toEqual({ kind: 'rejected', reason: expect.any(String) });
      });
    });
  });
}

/** A channel id of the right shape per platform. */
export const CHANNEL: Record<string, string> = { slack: 'C0001', discord: '333333333333333333', telegram: '-1001234567890' };
