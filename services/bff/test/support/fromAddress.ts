// HTTP from a chosen loopback address (127.0.0.x), so per-address limits can be seen from one machine.
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';

export interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A whole answer (the body read to its end). */
export function fetchFrom(
  localAddress: string,
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', localAddress, headers: init.headers, agent: false },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A stream left open: its status and headers, and `close()` to hang up. */
export function openFrom(
  localAddress: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingMessage['headers']; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { localAddress, headers: { accept: 'text/event-stream', ...headers }, agent: false },
      (response) => {
        if (response.statusCode !== 200) response.resume();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
