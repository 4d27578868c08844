// FAKE SAGA for dashboard.e2e.test.ts, until the real saga service exists: it reads the BFF's CrearInfluencer
// commands and emits the `eventos-saga` transitions the real orchestrator would. A registration whose nombre
// contains "falla" fails at the campaign step and is compensated; any other completes.
import { latestVersion, schemaText } from '@alpes/contracts';
import type { EventoCrearInfluencer } from '@alpes/contracts';
import { avroSchema, isPulsarError } from '@alpes/pulsar';
import type { PulsarClient } from '@alpes/pulsar';
import { sagaCompletada, sagaEventProducer } from './sagaEvents.ts';
import type { Transicion } from './sagaEvents.ts';

export interface FakeSaga { stop(): Promise<void> }

export async function startFakeSaga(client: PulsarClient, topics: { commands: string; stream: string }, stepMs = 250): Promise<FakeSaga> {
  const schema = avroSchema<EventoCrearInfluencer>(schemaText('eventos-crear-influencer', latestVersion('eventos-crear-influencer')));
  const reader = await client.createReader({ topic: topics.commands, startMessageId: 'latest', schema });
  const saga = await sagaEventProducer(client, topics.stream);
  const loop = (async () => {
    try {
      for await (const message of reader) {
        const command = JSON.parse(JSON.stringify(message.value)) as EventoCrearInfluencer;
        const correlationId = command.correlation_id as string;
        const idInfluencer = command.data?.id as string;
        const transiciones = command.data?.nombre?.toLowerCase().includes('falla') ? sagaCompensada(correlationId, idInfluencer) : sagaCompletada(correlationId, idInfluencer);
        for (const t of transiciones) {
          await new Promise((resolve) => setTimeout(resolve, stepMs));
          await saga.send(t);
        }
      }
    } catch (error) {
      if (!isPulsarError(error, 'AlreadyClosed')) throw error;
    }
  })();
  return {
    stop: async () => {
      await reader.close();
      await loop;
      await saga.close();
    },
  };
}

/** Influencer registered, campaign refused, influencer compensated: the saga ends `compensada`. */
function sagaCompensada(idCorrelacion: string, idInfluencer: string): Transicion[] {
  const base = { id_correlacion: idCorrelacion, id_influencer: idInfluencer };
  return [
    { ...base, evento: 'SagaIniciada' },
    { ...base, evento: 'PasoIniciado', paso: 'influencer', index_paso: 0, estado_paso: 'en_curso' },
    { ...base, evento: 'PasoCompletado', paso: 'influencer', index_paso: 0, estado_paso: 'completado', exitosa: true },
    { ...base, evento: 'PasoIniciado', paso: 'campana', index_paso: 1, estado_paso: 'en_curso' },
    { ...base, evento: 'PasoFallido', paso: 'campana', index_paso: 1, estado_paso: 'fallido', error_codigo: 'PRESUPUESTO', error: 'presupuesto agotado', exitosa: false },
    { ...base, evento: 'CompensacionIniciada', estado_saga: 'compensando', compensacion: 'EliminarInfluencer' },
    { ...base, evento: 'PasoCompensado', paso: 'influencer', index_paso: 0, estado_saga: 'compensando', estado_paso: 'compensado' },
    { ...base, evento: 'SagaCompensada', estado_saga: 'compensada', exitosa: false },
  ];
}
