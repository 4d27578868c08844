import type { Event, NewEvent } from '@alpes/eventstore';
import type { Consumer } from '@alpes/pulsar';
import { commandRoute, startCommandConsumers, type CommandConsumersOptions } from '@alpes/service-kit';
import { crearContrato } from '../../application/crearContrato.ts';
import { eliminarContrato } from '../../application/eliminarContrato.ts';
import type { ContratoCreado, ContratoEliminado } from '../../domain/index.ts';
import { contratosProjection } from '../postgres/contratosProjection.ts';
import {
  contratoCreadoMessage,
  contratoEliminadoMessage,
  contratoErrorMessage,
  contratoYaEliminadoMessage,
} from './contratoMessages.ts';
import { toCrearContrato } from './toCrearContrato.ts';
import { toEliminarContrato } from './toEliminarContrato.ts';

const isCreado = (event: NewEvent): event is NewEvent<ContratoCreado> => event.type === 'ContratoCreado';
const isEliminado = (event: NewEvent): event is NewEvent<ContratoEliminado> => event.type === 'ContratoEliminado';

/** `ComandoCrearContrato` → contract + email reservation in one statement → `ContratoCreado`, or `ErrorCreacionContrato`. */
export const crearContratoRoute = commandRoute({
  topic: 'comandos-contratos-v2',
  name: 'CrearContrato',
  influencerOf: (record) => record.data?.influencer_id,
  toCommand: toCrearContrato,
  decide: crearContrato,
  outbox: (_result, appended, _command, context) =>
    appended.filter(isCreado).map((event) => contratoCreadoMessage(event, context)),
  onRejected: (error, command, context) => [contratoErrorMessage(error, command, context)],
  logFields: (command) => ({ id_contrato: command.data.id_contrato }),
});

/**
 * `ComandoEliminarContrato` (compensation) → soft delete + email released in one statement → the confirmation on
 * `eventos-contratos-eliminados`; when already deleted, the confirmation again from the state. The domain has no
 * refusal for a well-formed delete, so a DomainError here is a bug: it propagates (retry, then DLQ).
 */
export const eliminarContratoRoute = commandRoute({
  topic: 'comandos-contratos-eliminacion',
  name: 'EliminarContrato',
  influencerOf: (record) => record.data?.influencer_id,
  toCommand: (record, context) => toEliminarContrato(record, context.now),
  decide: eliminarContrato,
  outbox: (result, appended, command, context) => {
    const eliminados = appended.filter(isEliminado);
    if (eliminados.length > 0) return eliminados.map((event) => contratoEliminadoMessage(event, context));
    return contratoYaEliminadoMessage(result.state, command, context);
  },
  onRejected: (error) => {
    throw error;
  },
  logFields: (command) => ({ contrato_id: command.data.contrato_id }),
});

/** The service's projections, written with every command's events. */
export const contratosHandling = { service: 'contratos', projections: [contratosProjection] } as const;

export type ContratosConsumersOptions = Omit<CommandConsumersOptions<Event>, 'service' | 'projections'>;

/** Subscribes to both command topics (Key_Shared, from Earliest); close the returned consumers on shutdown. */
export function startContratosConsumers(options: ContratosConsumersOptions): Promise<Consumer<unknown>[]> {
  return startCommandConsumers({ ...options, ...contratosHandling }, [crearContratoRoute, eliminarContratoRoute]);
}
