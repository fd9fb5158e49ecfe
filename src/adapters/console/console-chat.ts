import { createInterface } from 'node:readline';
import type { Message } from '../../core/message/message.js';
import { renderText } from '../../core/message/render-text.js';

export interface ConsoleChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Runs one line of command text. */
  handle: (text: string) => Promise<Message>;
  /** Interactive: a prompt, a greeting and line editing with history. Piped: answers each line, then exits. */
  interactive: boolean;
}

const GREETING = 'rivalry-bot console. Type a command (e.g. "compare" or "/rivalry help"); Ctrl-D to quit.';

/** The embedded chat: the same commands as Slack and Discord, rendered as plain text. */
export function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { input, output, handle, interactive } = options;
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, historySize: 200 });
  if (interactive) {
    output.write(`${GREETING}\n`);
    rl.setPrompt('rivalry> ');
    rl.prompt();
  }
  // Lines are answered strictly in order, even when piped input arrives faster than replies.
  let queue: Promise<void> = Promise.resolve();
  rl.on('line', (line) => {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') {
      rl.close();
      return;
    }
    queue = queue.then(async () => {
      if (text !== '') output.write(`${renderText(await handle(text))}\n\n`);
      if (interactive) rl.prompt();
    });
  });
  return new Promise((resolve) => {
    rl.on('close', () => {
      void queue.then(() => {
        if (interactive) output.write('\n');
        resolve();
      });
    });
  });
}
