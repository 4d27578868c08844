import { amountOf, sagaIds, type TopicName, type TopicRecords } from '@alpes/contracts';
import { maskEmailsIn } from '@alpes/shared-kernel';
import type { DatosCampana, Paso, SagaCommand } from '../../domain/index.ts';

/** A saga command without its time and policy, which the runner adds when it handles it. */
export type SagaInput = SagaCommand extends infer C
  ? C extends SagaCommand
    ? Omit<C, 'at' | 'politica'>
    : never
  : never;

/** Thrown for a message no saga command can be built from: the consumer retries, then dead-letters it. */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';
}

/** The topics the saga listens to. */
export type SagaTopic = Exclude<
  TopicName,
  | 'comandos-campanas'
  | 'comandos-contratos-v2'
  | 'comandos-influencers-eliminacion'
  | 'eventos-campanas-eliminacion-v2'
  | 'comandos-contratos-eliminacion'
  | 'eventos-saga'
>;

const required = (value: string | null | undefined, field: string): string => {
  if (value === null || value === undefined || value.trim() === '')
    throw new InvalidMessageError(`the message has no ${field}`);
  return value;
};

/** The saga id: the envelope's correlation id, or (v1 messages) derived from the influencer id. */
const sagaOf = (record: { correlation_id: string | null }, idInfluencer: string | null | undefined) =>
  record.correlation_id ?? sagaIds.correlationId(required(idInfluencer, 'correlation id nor influencer id'));

type Mapper<T extends SagaTopic> = (record: TopicRecords[T]) => SagaInput;

const payload = <P>(record: { data: P | null }): P => {
  if (record.data === null) throw new InvalidMessageError('the message has no data');
  return record.data;
};

interface Rechazo {
  readonly id_influencer: string | null;
  readonly error: string | null;
}

const error = (
  paso: Paso,
  record: { correlation_id: string | null },
  rechazo: Rechazo,
  codigo: string | null,
): SagaInput => ({
  type: 'RegistrarError',
  sagaId: sagaOf(record, rechazo.id_influencer),
  idInfluencer: rechazo.id_influencer ?? '',
  paso,
  // Masked on the way in: the saga log and eventos-saga keep this text, and a service may have written an
  // address into it (issue 16).
  codigo: codigo ?? 'ERROR',
  mensaje: maskEmailsIn(rechazo.error ?? 'error sin detalle'),
});

const mappers: { readonly [T in SagaTopic]: Mapper<T> } = {
  'eventos-crear-influencer': (r) => {
    const id = required(payload(r).id, 'id');
    return { type: 'IniciarSaga', sagaId: sagaOf(r, id), idInfluencer: id };
  },
  'eventos-influencers': (r) => {
    const d = payload(r);
    const id = required(d.id_influencer, 'id_influencer');
    return {
      type: 'RegistrarExito',
      sagaId: sagaOf(r, id),
      idInfluencer: id,
      paso: 'influencer',
      datos: { id_influencer: id, nombre: d.nombre ?? '', email: d.email ?? '', categorias: [...(d.categorias ?? [])] },
    };
  },
  'eventos-influencers-error': (r) => error('influencer', r, payload(r), payload(r).error_codigo),
  'eventos-campanas': (r) => {
    const d = payload(r);
    const id = required(d.influencer_id, 'influencer_id');
    return { type: 'RegistrarExito', sagaId: sagaOf(r, id), idInfluencer: id, paso: 'campana', datos: datosCampana(r) };
  },
  'eventos-campanas-error': (r) => error('campana', r, payload(r), payload(r).error_codigo),
  'eventos-contratos': (r) => {
    const d = payload(r);
    const id = required(d.id_influencer, 'id_influencer');
    return {
      type: 'RegistrarExito',
      sagaId: sagaOf(r, id),
      idInfluencer: id,
      paso: 'contrato',
      datos: { contrato_id: required(d.id_contrato, 'id_contrato') },
    };
  },
  'eventos-contratos-error': (r) => error('contrato', r, payload(r), r.error_codigo),
  'eventos-influencers-eliminados': (r) => ({
    type: 'ConfirmarCompensacion',
    sagaId: sagaOf(r, payload(r).influencer_id),
    paso: 'influencer',
  }),
  'eventos-campanas-eliminadas': (r) => ({
    type: 'ConfirmarCompensacion',
    sagaId: sagaOf(r, payload(r).influencer_id),
    paso: 'campana',
  }),
  'eventos-contratos-eliminados': (r) => ({
    type: 'ConfirmarCompensacion',
    sagaId: sagaOf(r, payload(r).influencer_id),
    paso: 'contrato',
  }),
};

function datosCampana(record: TopicRecords['eventos-campanas']): DatosCampana {
  const d = payload(record);
  return {
    campana_id: required(d.campana_id, 'campana_id'),
    nombre: d.nombre ?? '',
    categorias_objetivo: [...(d.categorias_objetivo ?? [])],
    valor_comision: amountOf(record.valor_comision_decimal, d.valor_comision) ?? '0.00',
    moneda: d.moneda ?? 'USD',
    fecha_inicio: required(d.fecha_inicio, 'fecha_inicio'),
    fecha_fin: d.fecha_fin,
  };
}

export function toSagaInput<T extends SagaTopic>(topic: T, record: TopicRecords[T]): SagaInput {
  return (mappers[topic] as Mapper<T>)(record);
}

export const sagaTopics = Object.keys(mappers) as SagaTopic[];
