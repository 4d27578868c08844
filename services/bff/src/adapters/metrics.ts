import { Counter, Gauge } from 'prom-client';
import { createServiceMetrics } from '@alpes/service-kit';

/** The service registry plus what the BFF itself counts (names follow Prometheus conventions). */
export function createBffMetrics() {
  const base = createServiceMetrics('bff');
  const registers = [base.registry];
  return {
    registry: base.registry,
    registrations: new Counter({
      name: 'bff_registrations_total',
      help: 'POST /influencers answers, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    sseClients: new Gauge({ name: 'bff_sse_clients', help: 'Open GET /stream connections', registers }),
    sseRefused: new Counter({
      name: 'bff_sse_refused_total',
      help: 'GET /stream refused at a cap: full (503, all streams) or address (429, per address)',
      labelNames: ['cap'],
      registers,
    }),
    sseEventsSent: new Counter({
      name: 'bff_sse_events_sent_total',
      help: 'Saga events written to stream clients',
      registers,
    }),
    sseClosed: new Counter({
      name: 'bff_sse_clients_closed_total',
      help: 'Stream connections closed, by reason (slow = dropped for not reading)',
      labelNames: ['reason'],
      registers,
    }),
  };
}

export type BffMetrics = ReturnType<typeof createBffMetrics>;
