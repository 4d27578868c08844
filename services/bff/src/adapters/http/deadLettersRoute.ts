import type { FastifyInstance } from 'fastify';
import { sendProblem } from '@alpes/service-kit';
import type { Access } from './access.ts';
import { refuseNonOperator } from './operatorOnly.ts';
import { deadLetterCounts } from './deadLetterCounts.ts';

const TIMEOUT_MS = 3000;

const answer = {
  type: 'object',
  required: ['total', 'topics'],
  properties: {
    total: { type: 'integer', description: 'messages waiting on every dead-letter topic' },
    topics: {
      type: 'array',
      items: {
        type: 'object',
        required: ['topic', 'subscription', 'original_topic', 'depth'],
        properties: {
          topic: { type: 'string' },
          subscription: { type: 'string' },
          original_topic: { type: 'string' },
          depth: { type: 'integer' },
        },
      },
    },
  },
} as const;

/**
 * `GET /operator/dead-letters` (Bearer operator token): the dead-letter depths, read from the relay's `/metrics`
 * (`pulsar_dead_letter_messages`). The relay already computes them from the Pulsar admin API (cached 5 s); reading
 * its gauge keeps admin credentials out of the one process exposed to the internet, and shows the very number the
 * alert fires on.
 */
export function deadLettersRoute(app: FastifyInstance, deps: { access: Access; relayUrl: string }): void {
  app.get(
    '/operator/dead-letters',
    {
      schema: {
        summary: 'Messages waiting on each dead-letter topic (Bearer operator token)',
        tags: ['operator'],
        response: { 200: answer },
      },
    },
    async (request, reply) => {
      const refused = refuseNonOperator(request, reply, deps.access);
      if (refused) return refused;
      const url = new URL('metrics', deps.relayUrl.endsWith('/') ? deps.relayUrl : `${deps.relayUrl}/`);
      let text: string;
      try {
        const metrics = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
        if (!metrics.ok) throw new Error(`answered ${metrics.status}`);
        text = await metrics.text();
      } catch (error) {
        return sendProblem(reply, {
          type: 'about:blank',
          instance: request.url,
          status: 502,
          title: 'Relay unavailable',
          code: 'RELAY_NO_DISPONIBLE',
          detail: `${url.origin}/metrics: ${(error as Error).message}`,
        });
      }
      const topics = deadLetterCounts(text);
      return { total: topics.reduce((sum, t) => sum + t.depth, 0), topics };
    },
  );
}
