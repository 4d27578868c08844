/** A small client for the Apache Pulsar admin REST API (v2), enough for tests, tools and checks. */
import { readFileSync } from 'node:fs';
import { Agent, fetch as fetchWith } from 'undici';

export type CompatibilityStrategy =
  | 'UNDEFINED'
  | 'ALWAYS_COMPATIBLE'
  | 'ALWAYS_INCOMPATIBLE'
  | 'BACKWARD'
  | 'FORWARD'
  | 'FULL'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD_TRANSITIVE'
  | 'FULL_TRANSITIVE';

export interface SchemaInfo {
  readonly version: number;
  readonly type: string;
  readonly data: string;
  readonly properties: Record<string, string>;
}

export interface SubscriptionStats {
  readonly msgBacklog: number;
  readonly unackedMessages: number;
  readonly consumers: readonly unknown[];
  readonly [key: string]: unknown;
}

export interface TopicInternalStats {
  /** `ledger:entry` of the last entry written. */
  readonly lastConfirmedEntry: string;
  readonly cursors: Readonly<
    Record<string, { readonly markDeletePosition: string; readonly individuallyDeletedMessages: string }>
  >;
}

export interface TopicStats {
  readonly msgInCounter: number;
  readonly msgOutCounter?: number;
  readonly publishers: readonly { producerName?: string; [key: string]: unknown }[];
  readonly subscriptions: Record<string, SubscriptionStats>;
  readonly [key: string]: unknown;
}

export class PulsarAdminError extends Error {
  readonly status: number;
  readonly path: string;
  constructor(status: number, path: string, body: string) {
    super(`Pulsar admin ${path} answered ${status}: ${body}`);
    this.name = 'PulsarAdminError';
    this.status = status;
    this.path = path;
  }
}

/** `persistent://public/default/x` or `public/default/x` or `x` → `persistent/public/default/x`. */
export function topicPath(topic: string): string {
  const match = /^(persistent|non-persistent):\/\/(.+)$/.exec(topic);
  if (match) return `${match[1]}/${match[2]}`;
  const parts = topic.split('/');
  return parts.length === 3 ? `persistent/${topic}` : `persistent/public/default/${topic}`;
}

/** The `{tenant}/{ns}/{topic}` part used by the schema endpoints. */
function schemaPath(topic: string): string {
  return topicPath(topic).replace(/^(non-)?persistent\//, '');
}

export interface PulsarAdminOptions {
  /** Token authentication (the broker's admin role, or a role with rights on what is asked). */
  readonly token?: string;
  /** PEM file of the CA that signed the broker's certificate, for an `https://` admin URL (secure mode). */
  readonly tlsCaFile?: string;
  /** Per-request timeout (default 30 s). */
  readonly timeoutMs?: number;
}

export function createPulsarAdmin(adminUrl: string, options: PulsarAdminOptions = {}) {
  // undici's own fetch with an Agent that trusts the given CA (Node's global fetch takes no CA of its own).
  const dispatcher = options.tlsCaFile ? new Agent({ connect: { ca: readFileSync(options.tlsCaFile) } }) : undefined;
  const call = async (method: string, path: string, body?: unknown): Promise<string> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetchWith(`${adminUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new PulsarAdminError(response.status, path, text);
    return text;
  };
  const json = async <T>(path: string): Promise<T> => JSON.parse(await call('GET', path)) as T;
  const ignoreConflict = (error: unknown) => {
    if (!(error instanceof PulsarAdminError && error.status === 409)) throw error;
  };

  return {
    /** Throws unless the broker passes its own produce/consume health check. */
    health: async () => {
      await call('GET', '/admin/v2/brokers/health');
    },
    /** Throws until the broker has started (its web service answers before the broker is ready). */
    ready: async () => {
      await call('GET', '/admin/v2/brokers/ready');
    },
    /** Lets `role` do `actions` on one topic (authorization on: the broker checks every producer and consumer). */
    grant: (topic: string, role: string, actions: readonly ('produce' | 'consume')[]) =>
      call('POST', `/admin/v2/${topicPath(topic)}/permissions/${encodeURIComponent(role)}`, actions).then(
        () => undefined,
      ),
    permissions: (topic: string) => json<Record<string, string[]>>(`/admin/v2/${topicPath(topic)}/permissions`),
    clusters: () => json<string[]>('/admin/v2/clusters'),
    createTenant: (tenant: string) =>
      call('PUT', `/admin/v2/tenants/${tenant}`, { adminRoles: [], allowedClusters: ['standalone'] }).then(
        () => undefined,
        ignoreConflict,
      ),
    createNamespace: (namespace: string) =>
      call('PUT', `/admin/v2/namespaces/${namespace}`).then(() => undefined, ignoreConflict),
    setDeduplication: (namespace: string, enabled: boolean) =>
      call('POST', `/admin/v2/namespaces/${namespace}/deduplication`, enabled).then(() => undefined),
    setSchemaCompatibility: (namespace: string, strategy: CompatibilityStrategy) =>
      call('PUT', `/admin/v2/namespaces/${namespace}/schemaCompatibilityStrategy`, strategy).then(() => undefined),
    setRetention: (namespace: string, minutes: number, sizeMb: number) =>
      call('POST', `/admin/v2/namespaces/${namespace}/retention`, {
        retentionTimeInMinutes: minutes,
        retentionSizeInMB: sizeMb,
      }).then(() => undefined),
    createTopic: (topic: string, partitions = 0) =>
      (partitions > 0
        ? call('PUT', `/admin/v2/${topicPath(topic)}/partitions`, partitions)
        : call('PUT', `/admin/v2/${topicPath(topic)}`)
      ).then(() => undefined, ignoreConflict),
    deleteTopic: (topic: string) => call('DELETE', `/admin/v2/${topicPath(topic)}?force=true`).then(() => undefined),
    listTopics: (namespace: string) => json<string[]>(`/admin/v2/namespaces/${namespace}/topics`),
    topicStats: (topic: string) => json<TopicStats>(`/admin/v2/${topicPath(topic)}/stats`),
    /** The managed ledger's view: each cursor's mark-delete position and its individually acked ranges. */
    internalStats: (topic: string) => json<TopicInternalStats>(`/admin/v2/${topicPath(topic)}/internalStats`),
    createSubscription: (topic: string, subscription: string, from: 'earliest' | 'latest' = 'earliest') =>
      call(
        'PUT',
        `/admin/v2/${topicPath(topic)}/subscription/${encodeURIComponent(subscription)}`,
        from === 'earliest' ? { entryId: -1, ledgerId: -1, partitionIndex: -1 } : undefined,
      ).then(() => undefined, ignoreConflict),
    unloadTopic: (topic: string) => call('PUT', `/admin/v2/${topicPath(topic)}/unload`).then(() => undefined),
    getSchema: (topic: string, version?: number) =>
      json<SchemaInfo>(`/admin/v2/schemas/${schemaPath(topic)}/schema${version === undefined ? '' : `/${version}`}`),
    getAllSchemas: async (topic: string) =>
      (await json<{ getSchemaResponses: SchemaInfo[] }>(`/admin/v2/schemas/${schemaPath(topic)}/schemas`))
        .getSchemaResponses,
    uploadSchema: async (
      topic: string,
      schema: { type: string; schema: string; properties?: Record<string, string> },
    ) =>
      JSON.parse(
        await call('POST', `/admin/v2/schemas/${schemaPath(topic)}/schema`, { properties: {}, ...schema }),
      ) as { version: { version: number } | number },
    testCompatibility: async (topic: string, schema: { type: string; schema: string }) =>
      JSON.parse(
        await call('POST', `/admin/v2/schemas/${schemaPath(topic)}/compatibility`, { properties: {}, ...schema }),
      ) as { compatibility: boolean; schemaCompatibilityStrategy: string },
    metrics: () => call('GET', '/metrics/'),
  };
}

export type PulsarAdmin = ReturnType<typeof createPulsarAdmin>;
