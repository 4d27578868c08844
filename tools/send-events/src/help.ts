import { topicNames } from '@alpes/contracts';
import { presetNames, presets } from './presets.ts';

export function helpText(): string {
  const presetLines = presetNames.map((name) => `  ${name.padEnd(24)}${presets[name].topic}: ${presets[name].summary}`);
  return `send-events — publish catalogue messages (Avro, with the topic's registered schema) to Pulsar

Usage: send-events [preset] [options]
       npm run send-events -- [preset] [options]

What to send (one of; default: the crear-influencer preset)
  [preset] | --preset NAME   one of the original's four scripts (below)
  --topic TOPIC              a catalogue topic: sends its sample record (contracts' samples)
  --file PATH | -            records from a JSON file or stdin: one record, an array, or JSON lines;
                             needs --topic (or --schema-of); --count cycles through them
  --set PATH=VALUE           change a field, repeatable: --set data.nombre="Ana García"
                             (VALUE is JSON when it parses, else text; a number over a text field stays text)

Where and how
  --topic TOPIC              with a preset or --schema-of: send to this topic instead (e.g. a test topic)
  --schema-of TOPIC          the catalogue topic whose schema the records follow
  --schema-version v1|v2     v1 = the original record (only \`data\`, no envelope), exactly what the
                             original scripts sent; default: the topic's latest (v2 for the original topics,
                             with the envelope filled: message_id, correlation_id = the saga id derived from
                             the influencer id, message_type, occurred_at, producer_service "send-events")
  --count N                  messages to send (default 1, or one per --file record)
  --rate N                   messages per second (default: as fast as the broker takes them)
  --seed N                   reproducible fakes and ids
  --dry-run                  print the records as JSON lines on stdout, validated against the schema; send nothing
  --pulsar-url URL           default $PULSAR_URL or pulsar://127.0.0.1:6650
  --token TOKEN              token authentication (default $PULSAR_TOKEN)
  --tls-ca FILE              the broker's CA for pulsar+ssl:// (default $PULSAR_TLS_CA; npm start -- --secure:
                             .data/secure/credentials/ca.cert.pem)
  --timeout MS               connect/send timeout (default 10000)
  -h, --help                 this text

Presets
${presetLines.join('\n')}

  Note (defect D-15): the original's campana and contrato scripts injected events into live sagas. Here the
  saga ignores (and logs) an event whose correlation id names no saga it started, so they corrupt nothing;
  the BFF still streams them.

Exit codes: 0 all sent, 1 some sends failed, 2 usage or validation error, 3 cannot connect to the broker.

Examples
  send-events crear-influencer --count 100 --rate 20        # 100 fake registrations, 20 per second
  send-events crear-influencer-error                         # run twice: the 2nd saga is compensated
  send-events crear-influencer --schema-version v1           # what the original script sent, byte for byte
  send-events --topic eventos-contratos --dry-run            # print the sample ContratoCreado
  send-events crear-influencer --set data.nombre="Ana Pérez" --set 'data.categorias=["moda","arte"]'
  cat regs.jsonl | send-events --topic eventos-crear-influencer --file -
  send-events campana --topic my-test-topic                  # the preset's record, to another topic

Catalogue topics: ${topicNames.join(', ')}
`;
}
