import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Server-side request timing (request event → response 'finish'), recorded per server name while
 * that server is the one being measured. Wraps every compared server's listener alike.
 */
export class ServerTiming<Name extends string> {
  readonly samples = new Map<Name, number[]>();
  recording: Name | undefined;

  wrap(name: Name, listener: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      const t0 = performance.now();
      res.once('finish', () => {
        if (this.recording !== name) return;
        const list = this.samples.get(name) ?? [];
        list.push(performance.now() - t0);
        this.samples.set(name, list);
      });
      listener(req, res);
    };
  }

  of(name: Name): number[] {
    return this.samples.get(name) ?? [];
  }
}
