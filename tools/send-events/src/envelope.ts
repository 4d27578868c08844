import { envelopeFields, sagaIds, topicSpec, type TopicName } from '@alpes/contracts';
import type { WireRecord } from './presets.ts';
import type { Random } from './random.ts';

/**
 * `producer_service` of what this tool sends. The wire field is a free string; the catalogue's `ServiceName`
 * only names who produces a topic in the system, and a hand-sent message is none of them.
 */
export const producerService = 'send-events';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** The saga a record belongs to, derived as every service derives it: from the influencer id (contracts README). */
export function correlationOf(topic: TopicName, record: WireRecord): string | null {
  const data = (record['data'] ?? {}) as Record<string, unknown>;
  if (topic === 'eventos-saga') return text(data['id_correlacion']) ?? null;
  const influencerId =
    topic === 'eventos-crear-influencer'
      ? text(data['id'])
      : (text(data['id_influencer']) ?? text(data['influencer_id']));
  return influencerId === undefined ? null : sagaIds.correlationId(influencerId);
}

/**
 * Fills the v2 envelope fields the record leaves null or absent: commands get their deterministic id (as the BFF
 * and the saga give them, so a resent command is deduplicated downstream), events a fresh UUID.
 */
export function fillEnvelope(topic: TopicName, record: WireRecord, options: { random: Random; at: Date }): WireRecord {
  const spec = topicSpec(topic);
  const correlation = text(record['correlation_id']) ?? correlationOf(topic, record);
  const messageId =
    spec.kind === 'command' && correlation !== null
      ? sagaIds.commandId(spec.messageType, correlation)
      : options.random.uuid();
  const defaults: Record<(typeof envelopeFields)[number], unknown> = {
    message_id: messageId,
    message_type: spec.messageType,
    correlation_id: correlation,
    causation_id: null,
    occurred_at: options.at.getTime(),
    producer_service: producerService,
  };
  const filled: WireRecord = { ...record };
  for (const field of envelopeFields) filled[field] ??= defaults[field];
  return filled;
}
