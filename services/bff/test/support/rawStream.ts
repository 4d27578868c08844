// The raw bytes of an SSE answer, as they arrive: what a stranger on the internet would read.
import { request } from 'node:http';

export interface RawStream {
  readonly status: number;
  text(): string;
  /** Resolves once the bytes so far satisfy `done` (rejects after `timeoutMs`). */
  until(done: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  close(): void;
}

export function rawStream(url: string, headers: Record<string, string> = {}): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      resolve({
        status: response.statusCode ?? 0,
        text: () => text,
        until: async (done, timeoutMs = 60_000) => {
          const deadline = Date.now() + timeoutMs;
          while (!done(text)) {
            if (Date.now() > deadline)
              throw new Error(`the stream never showed what was awaited; got:\n${text.slice(-2000)}`);
            await new Promise((wake) => setTimeout(wake, 100));
          }
          return text;
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}
