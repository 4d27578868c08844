import type { FastifyInstance } from 'fastify';
import staticFiles from '@fastify/static';

/**
 * The dashboard: `public/` (plain HTML, script and CSS, no build step) at `/`. A client that asks for JSON at
 * `/` gets the original BFF's service description instead (§2.5).
 */
export async function dashboardRoute(app: FastifyInstance, deps: { publicDir: string }): Promise<void> {
  await app.register(staticFiles, { root: deps.publicDir, prefix: '/', index: false, wildcard: false });
  app.get(
    '/',
    { schema: { summary: 'The live dashboard (HTML), or the service description (JSON)', tags: ['dashboard'] } },
    async (request, reply) => {
      const accept = request.headers.accept ?? '';
      if (accept.includes('application/json') && !accept.includes('text/html')) {
        return {
          endpoints: ['/health', '/influencers', '/stream', '/sagas/{id}', '/metrics', '/docs/json'],
          service: 'bff',
          version: '1.0.0',
        };
      }
      return reply.sendFile('index.html');
    },
  );
}
