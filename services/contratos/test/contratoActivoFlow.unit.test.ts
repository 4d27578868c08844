import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fold, isDomainError } from '@alpes/eventstore';
import { contratoActivoDecider, contratoDecider } from '../src/domain/index.ts';
import type { ContratoActivoEvent, ContratoEvent, CrearContrato, EliminarContrato } from '../src/domain/index.ts';
import { crear, eliminar, EMAIL, OTRO } from './fixtures.ts';

// The composition the application layer performs (index.ts): contract stream first, then the email's
// registry stream, both appended together. Streams are plain arrays here.
interface Streams {
  readonly contratos: Map<string, ContratoEvent[]>;
  readonly email: ContratoActivoEvent[];
}

function crearContrato(streams: Streams, command: CrearContrato): void {
  const history = streams.contratos.get(command.data.id_contrato) ?? [];
  const events = contratoDecider.decide(command, fold(contratoDecider, history));
  const creado = events.find((e) => e.type === 'ContratoCreado');
  const reserva =
    creado === undefined
      ? []
      : contratoActivoDecider.decide(
          {
            type: 'ReservarContratoActivo',
            data: {
              influencer_email: creado.data.influencer_email,
              id_contrato: creado.data.id_contrato,
              fecha_fin: creado.data.fecha_fin,
              fecha: creado.data.fecha_creacion,
            },
          },
          fold(contratoActivoDecider, streams.email),
        );
  streams.contratos.set(command.data.id_contrato, [...history, ...events]);
  streams.email.push(...reserva);
}

function eliminarContrato(streams: Streams, command: EliminarContrato): void {
  const history = streams.contratos.get(command.data.contrato_id) ?? [];
  const events = contratoDecider.decide(command, fold(contratoDecider, history));
  for (const event of events) {
    if (event.type !== 'ContratoEliminado' || event.data.influencer_email === null) continue;
    const liberar = {
      influencer_email: event.data.influencer_email,
      id_contrato: event.data.contrato_id,
      motivo: 'eliminado' as const,
      fecha: event.data.fecha_eliminacion,
    };
    streams.email.push(
      ...contratoActivoDecider.decide(
        { type: 'LiberarContratoActivo', data: liberar },
        fold(contratoActivoDecider, streams.email),
      ),
    );
  }
  streams.contratos.set(command.data.contrato_id, [...history, ...events]);
}

function failsWith(code: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    assert.ok(isDomainError(error, code), String(error));
    return;
  }
  assert.unreachable(`expected ${code}`);
}

const flow = suite('the one-active-contract rule across registrations (application composition)');

flow('a second registration with the same email fails at the contract step; nothing is appended', () => {
  const streams: Streams = { contratos: new Map(), email: [] };
  crearContrato(streams, crear());
  failsWith('CONTRATO_ACTIVO_EXISTENTE', () =>
    crearContrato(streams, crear({ id_contrato: OTRO, influencer_email: EMAIL.toUpperCase() })),
  );
  assert.is(streams.contratos.has(OTRO), false);
});

flow('after the first contract is compensated, the same email may sign again (D-13)', () => {
  const streams: Streams = { contratos: new Map(), email: [] };
  crearContrato(streams, crear());
  eliminarContrato(streams, eliminar());
  crearContrato(streams, crear({ id_contrato: OTRO }));
  assert.equal(fold(contratoActivoDecider, streams.email), { estado: 'ocupado', id_contrato: OTRO, fecha_fin: null });
});

flow('a redelivered create changes nothing, and a compensation that arrived first blocks the late create', () => {
  const streams: Streams = { contratos: new Map(), email: [] };
  crearContrato(streams, crear());
  crearContrato(streams, crear());
  assert.is(streams.email.length, 1);
  eliminarContrato(streams, eliminar({ contrato_id: OTRO }));
  failsWith('CONTRATO_ELIMINADO', () => crearContrato(streams, crear({ id_contrato: OTRO })));
  assert.equal(fold(contratoActivoDecider, streams.email).estado, 'ocupado');
});

flow.run();
