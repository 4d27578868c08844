/** The subset of JSON Schema (as Fastify's swagger prints it) the fuzzer reads. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
}

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** One operation of a process's OpenAPI description. */
export interface Operation {
  readonly method: 'GET' | 'POST';
  /** OpenAPI form, `/campanas/{id}`. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  readonly body: JsonSchema | undefined;
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** `GET <base>/docs/json` → the GET and POST operations it documents (what the fuzzer generates requests for). */
export async function loadOperations(baseUrl: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/docs/json`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${baseUrl}/docs/json answered ${response.status}`);
  const document = (await response.json()) as { paths?: Record<string, Record<string, OpenApiOperation>> };
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(methods)) {
      const upper = method.toUpperCase();
      if (upper !== 'GET' && upper !== 'POST') continue;
      operations.push({ method: upper, path, ...describe(operation) });
    }
  }
  if (operations.length === 0) throw new Error(`${baseUrl}/docs/json documents no operation`);
  return operations;
}

function describe(operation: OpenApiOperation): Pick<Operation, 'parameters' | 'body'> {
  const parameters = (operation.parameters ?? [])
    .filter((p): p is Required<typeof p> & { in: Parameter['in'] } => ['path', 'query', 'header'].includes(p.in))
    .map((p) => ({ name: p.name, in: p.in, required: p.required ?? p.in === 'path', schema: p.schema ?? {} }));
  const body = operation.requestBody?.content?.['application/json']?.schema;
  return { parameters, body };
}
