import type { Message } from './message.js';

/**
 * A renderer that renders each message object once: a fan-out posts the same (shared, never mutated)
 * digest to thousands of channels, and rendering it for each was a large part of a post's CPU.
 */
export function renderedOnce<T>(render: (message: Message) => T): (message: Message) => T {
  const cache = new WeakMap<Message, T>();
  return (message) => {
    let rendered = cache.get(message);
    if (rendered === undefined) {
      rendered = render(message);
      cache.set(message, rendered);
    }
    return rendered;
  };
}
