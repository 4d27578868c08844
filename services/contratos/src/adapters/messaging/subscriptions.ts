import { subscriptionOf as catalogueSubscription } from '@alpes/contracts';

export const commandTopics = ['comandos-contratos-v2', 'comandos-contratos-eliminacion'] as const;

export type CommandTopic = (typeof commandTopics)[number];

/** This service's subscription to one of its command topics, as the catalogue names it. */
export const subscriptionOf = (topic: CommandTopic): string => catalogueSubscription('contratos', topic);
