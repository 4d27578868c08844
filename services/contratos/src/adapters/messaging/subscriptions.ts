import { catalogue } from '@alpes/contracts';

export const commandTopics = ['comandos-contratos-v2', 'comandos-contratos-eliminacion'] as const;

export type CommandTopic = (typeof commandTopics)[number];

/** This service's subscription to a command topic, as the catalogue names it. */
export function subscriptionOf(topic: CommandTopic): string {
  const subscription = catalogue[topic].consumers.find((consumer) => consumer.service === 'contratos')?.subscription;
  if (subscription === undefined) throw new Error(`the catalogue names no contratos subscription on ${topic}`);
  return subscription;
}
