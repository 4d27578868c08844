import type { EventoSaga } from '../records/saga.ts';
import { sampleEnvelope, sampleIds } from './sampleIds.ts';

export const transicion: EventoSaga = {
  data: {
    id_correlacion: sampleIds.correlationId,
    id_influencer: sampleIds.idInfluencer,
    evento: 'PasoCompletado',
    paso: 'campana',
    index_paso: 1,
    estado_saga: 'en_curso',
    estado_paso: 'completado',
    comando: 'CrearContrato',
    evento_origen: 'CampanaCreada',
    compensacion: null,
    error_codigo: null,
    error: null,
    exitosa: true,
    fecha_evento: '2025-09-20T03:21:45.950Z',
    detalle: JSON.stringify({ campana_id: sampleIds.idCampana }),
  },
  ...sampleEnvelope('TransicionSaga', 'saga', 'CampanaCreada'),
};
