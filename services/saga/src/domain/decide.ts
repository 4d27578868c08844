import type {
  ConfirmarCompensacion,
  IniciarSaga,
  RegistrarError,
  RegistrarExito,
  SagaCommand,
  VencerPlazo,
} from './commands.ts';
import type { PasoCompletado, SagaEvent } from './events.ts';
import { unreachable } from '@alpes/shared-kernel';
import { evolve } from './evolve.ts';
import { sagaError } from './errors.ts';
import { pasoEnCurso, terminada } from './state.ts';
import { siguiente, type Paso, type Politica, type SagaState } from './types.ts';

export function decide(command: SagaCommand, state: SagaState): SagaEvent[] {
  switch (command.type) {
    case 'IniciarSaga':
      return iniciar(command, state);
    case 'RegistrarExito':
      return registrarExito(command, state);
    case 'RegistrarError':
      return registrarError(command, state);
    case 'ConfirmarCompensacion':
      return confirmar(command, state);
    case 'VencerPlazo':
      return vencer(command, state);
    default:
      return unreachable(command);
  }
}

/** Events built one after the other, each decision seeing the state the previous ones made. */
interface Chain {
  readonly state: SagaState;
  readonly events: SagaEvent[];
  add(event: SagaEvent): Chain;
}

function chainFrom(state: SagaState, events: SagaEvent[] = []): Chain {
  return { state, events, add: (event) => chainFrom(evolve(state, event), [...events, event]) };
}

function iniciar(command: IniciarSaga, state: SagaState): SagaEvent[] {
  if (state.estado !== 'nueva') return [];
  return start(chainFrom(state), command, command.idInfluencer).events;
}

function start(chain: Chain, command: { sagaId: string; at: number; politica: Politica }, idInfluencer: string): Chain {
  return chain.add({ type: 'SagaIniciada', data: { at: command.at, sagaId: command.sagaId, idInfluencer } }).add({
    type: 'PasoIniciado',
    data: { at: command.at, paso: 'influencer', vence: command.at + command.politica.plazoPasoMs },
  });
}

function registrarExito(command: RegistrarExito, state: SagaState): SagaEvent[] {
  let chain = chainFrom(state);
  if (state.estado === 'nueva') {
    if (command.paso !== 'influencer') throw unknownSaga(command);
    chain = start(chain, command, command.idInfluencer);
  }
  const { estado, pasos, porCompensar } = chain.state;
  const paso = pasos[command.paso];
  if (estado === 'en_curso' && paso.estado === 'en_curso') {
    chain = chain.add(completado(command, false));
    const next = siguiente(command.paso);
    return (
      next
        ? chain.add({
            type: 'PasoIniciado',
            data: { at: command.at, paso: next, vence: command.at + command.politica.plazoPasoMs },
          })
        : chain.add({ type: 'SagaCompletada', data: { at: command.at } })
    ).events;
  }
  // A success after its deadline: recorded, and its compensation (already queued) undoes it.
  const tardio = estado === 'compensando' && porCompensar.includes(command.paso) && paso.estado !== 'compensado';
  return tardio ? chain.add(completado(command, true)).events : chain.events;
}

function completado(command: RegistrarExito, tardio: boolean): PasoCompletado {
  return {
    type: 'PasoCompletado',
    data: { at: command.at, paso: command.paso, datos: command.datos, tardio },
  } as PasoCompletado;
}

function registrarError(command: RegistrarError, state: SagaState): SagaEvent[] {
  let chain = chainFrom(state);
  if (state.estado === 'nueva') {
    if (command.paso !== 'influencer') throw unknownSaga(command);
    chain = start(chain, command, command.idInfluencer);
  }
  if (chain.state.estado !== 'en_curso' || chain.state.pasos[command.paso].estado !== 'en_curso') return chain.events;
  chain = chain.add({
    type: 'PasoFallido',
    data: { at: command.at, paso: command.paso, codigo: command.codigo, mensaje: command.mensaje, causa: 'error' },
  });
  return compensarSiguiente(chain, command).events;
}

function confirmar(command: ConfirmarCompensacion, state: SagaState): SagaEvent[] {
  if (state.estado !== 'compensando' || state.porCompensar[0] !== command.paso) return [];
  const chain = chainFrom(state).add({ type: 'PasoCompensado', data: { at: command.at, paso: command.paso } });
  return compensarSiguiente(chain, command).events;
}

function vencer(command: VencerPlazo, state: SagaState): SagaEvent[] {
  if (terminada(state)) return [];
  const chain = chainFrom(state);
  const enCurso = pasoEnCurso(state);
  if (state.estado === 'en_curso' && enCurso && isDue(state, enCurso, command.at)) {
    const mensaje = `el paso ${enCurso} no respondió en ${command.politica.plazoPasoMs} ms`;
    const fallido = chain.add({
      type: 'PasoFallido',
      data: { at: command.at, paso: enCurso, codigo: 'PLAZO_VENCIDO', mensaje, causa: 'plazo_vencido' },
    });
    return compensarSiguiente(fallido, command).events;
  }
  const actual = state.porCompensar[0];
  if (state.estado !== 'compensando' || actual === undefined || !isDue(state, actual, command.at)) return [];
  const { maxIntentos } = command.politica.compensacion;
  const intento = state.pasos[actual].intentos + 1;
  if (intento > maxIntentos) {
    return chain.add({
      type: 'SagaFallida',
      data: {
        at: command.at,
        motivo: `la compensación del paso ${actual} no se confirmó tras ${maxIntentos} intentos`,
      },
    }).events;
  }
  return chain.add(compensacion(actual, intento, command)).events;
}

/** Starts the next compensation in the queue, or ends the saga when nothing is left to undo. */
function compensarSiguiente(chain: Chain, command: { at: number; politica: Politica }): Chain {
  const next = chain.state.porCompensar[0];
  if (next === undefined) return chain.add({ type: 'SagaCompensada', data: { at: command.at } });
  return chain.add(compensacion(next, 1, command));
}

function compensacion(paso: Paso, intento: number, command: { at: number; politica: Politica }): SagaEvent {
  const { baseMs, maxMs } = command.politica.compensacion;
  const vence = command.at + Math.min(maxMs, baseMs * 2 ** (intento - 1));
  return { type: 'CompensacionIniciada', data: { at: command.at, paso, intento, vence } };
}

function isDue(state: SagaState, paso: Paso, at: number): boolean {
  const vence = state.pasos[paso].vence;
  return vence !== undefined && vence <= at;
}

function unknownSaga(command: { sagaId: string; paso: Paso }) {
  return sagaError(
    'SAGA_DESCONOCIDA',
    `saga ${command.sagaId} no existe: se ignora el resultado del paso ${command.paso}`,
    { sagaId: command.sagaId },
  );
}
