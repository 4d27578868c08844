// Policies (message → command), the deletion confirmation and the wire mapping, without I/O.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ComandoCrearCampana, CrearCampanaPayload } from '@alpes/contracts';
import { confirmacionEliminacion } from '../src/application/confirmacionEliminacion.ts';
import { crearCampanaCommand, solicitudCampana } from '../src/adapters/messaging/toCrearCampana.ts';
import { eliminarCampanaCommand } from '../src/adapters/messaging/toEliminarCampana.ts';
import { creada, eliminar, ID, INFLUENCER } from './fixtures.ts';

const test = suite('campanas application');
const now = Date.parse('2025-09-20T03:21:46Z');

const record = (valor: number | null, decimal: string | null): ComandoCrearCampana => ({
  data: { id: ID, valor_comision: valor } as CrearCampanaPayload,
  message_id: null,
  message_type: null,
  correlation_id: null,
  causation_id: null,
  occurred_at: null,
  producer_service: null,
  valor_comision_decimal: decimal,
});

test('no payload, or a deletion without campana_id, is an invalid message (dead-lettered), not a refusal', () => {
  assert.throws(
    () => crearCampanaCommand(null, now),
    (e: Error & { code?: string }) => e.code === 'MENSAJE_INVALIDO',
  );
  assert.throws(
    () => eliminarCampanaCommand({ campana_id: ' ', influencer_id: null, razon: null }, now),
    (e: Error & { code?: string }) => e.code === 'MENSAJE_INVALIDO',
  );
  assert.throws(
    () => eliminarCampanaCommand(null, now),
    (e: Error & { code?: string }) => e.code === 'MENSAJE_INVALIDO',
  );
});

test('missing texts become "" so the domain answers with the rule; the handling instant is fecha_creacion', () => {
  const command = crearCampanaCommand(solicitudCampana(record(null, null)), now);
  assert.equal(
    [command.data.campana_id, command.data.nombre, command.data.valor_comision, command.data.fecha_creacion],
    [ID, '', '', '2025-09-20T03:21:46.000Z'],
  );
});

test('money: the decimal wins, a v1 float is rounded to cents, a bad decimal is passed on for the domain to refuse', () => {
  assert.is(solicitudCampana(record(0.1, '0.10'))?.valor_comision, '0.10');
  assert.is(solicitudCampana(record(Math.fround(0.1), null))?.valor_comision, '0.10');
  assert.is(solicitudCampana(record(100, 'cien'))?.valor_comision, 'cien');
});

test('the confirmation: the new event, or — already deleted — the same facts from the state', () => {
  const stored = {
    streamId: `campana-${ID}`,
    streamVersion: 3,
    globalPosition: '9',
    eventId: 'e-1',
    metadata: {},
    recordedAt: new Date(),
    type: 'CampanaEliminada' as const,
    data: {
      campana_id: ID,
      influencer_id: INFLUENCER,
      razon: 'r',
      fecha_eliminacion: '2025-09-20T03:22:00.000Z',
      existia: true,
    },
  };
  assert.equal(confirmacionEliminacion(eliminar(), [stored], { estado: 'inexistente' }), {
    data: stored.data,
    eventId: 'e-1',
  });
  const state = {
    estado: 'eliminada' as const,
    campana: creada.data,
    razon: 'r',
    fecha_eliminacion: '2025-09-20T03:22:00.000Z',
  };
  assert.equal(confirmacionEliminacion(eliminar({ influencer_id: null }), [], state), {
    data: stored.data,
    eventId: undefined,
  });
  assert.is(confirmacionEliminacion(eliminar(), [], { estado: 'borrador', campana: creada.data }), undefined);
});

test.run();
