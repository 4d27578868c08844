import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { TopicRecords } from '@alpes/contracts';
import { toSagaInput } from '../src/adapters/messaging/toSagaCommand.ts';

const test = suite('saga: error texts reach the saga log masked');

test('an address inside a step error is masked before it becomes the saga failure text (issue 16)', () => {
  const record = {
    data: {
      id_contrato: 'k-1',
      id_influencer: 'inf-002',
      error: 'ana.garcia@example.com ya tiene un contrato activo: k-0',
    },
    correlation_id: 'saga-1',
    error_codigo: 'CONTRATO_ACTIVO_EXISTENTE',
  } as unknown as TopicRecords['eventos-contratos-error'];
  const input = toSagaInput('eventos-contratos-error', record);
  assert.is(input.type, 'RegistrarError');
  if (input.type !== 'RegistrarError') return;
  assert.is(input.mensaje, 'a***@example.com ya tiene un contrato activo: k-0');
  assert.is(input.codigo, 'CONTRATO_ACTIVO_EXISTENTE');
});

test.run();
