import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../src/config.ts';

const test = suite('contratos config');

test('defaults: port 8002 on 127.0.0.1, info logs, 5 redeliveries 1 s apart, 8 messages in flight per consumer', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/alpes', PULSAR_URL: 'pulsar://broker:6650' });
  assert.equal([config.port, config.host, config.logLevel, config.pulsarToken], [8002, '127.0.0.1', 'info', undefined]);
  assert.equal(config.consumer, { maxRedeliveries: 5, retryDelayMs: 1000, concurrency: 8 });
});

test('every bad or missing key is listed at once', () => {
  try {
    loadConfig({ PULSAR_URL: 'http://broker', PORT: 'ochenta', LOG_LEVEL: 'verbose', CONSUMER_CONCURRENCY: '0' });
    assert.unreachable('should throw');
  } catch (error) {
    const message = (error as Error).message;
    for (const key of ['DATABASE_URL', 'PULSAR_URL', 'PORT', 'LOG_LEVEL', 'CONSUMER_CONCURRENCY'])
      assert.match(message, key);
  }
});

test.run();
