import { renderText } from '../../core/message/render-text.js';
import type { AdapterCapabilities, AdapterDeps, ChatAdapter } from '../contract.js';
import { runConsoleChat } from './console-chat.js';
import { consoleOrigin } from './console-origin.js';
import { createConsolePoster } from './console-poster.js';

export const CONSOLE_CAPABILITIES: AdapterCapabilities = {
  ephemeral: false,
  edits: false,
  files: false,
  richLayout: false,
  maxMessageChars: Number.MAX_SAFE_INTEGER,
  idempotentPosts: false,
};

export interface ConsoleAdapterOptions extends Pick<AdapterDeps, 'handle'> {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
}

/** The terminal as a chat platform: one channel, plain text, digests printed where they are due. */
export function createConsoleAdapter(options: ConsoleAdapterOptions): ChatAdapter<string> & { finished: Promise<void> } {
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    platform: 'console',
    capabilities: CONSOLE_CAPABILITIES,
    modes: [options.input.isTTY === true ? 'interactive' : 'piped'],
    routes: [],
    render: renderText,
    poster: createConsolePoster(options.output),
    finished,
    start: async () => {
      void runConsoleChat({ input: options.input, output: options.output, interactive: options.input.isTTY === true, handle: (text) => options.handle({ kind: 'text', text, origin: consoleOrigin() }) }).then(finish);
    },
    stop: async () => finish(),
  };
}
