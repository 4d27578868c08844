import avro from 'avsc';

export interface CompatibilityReport {
  readonly compatible: boolean;
  readonly problems: readonly string[];
}

function resolverOrProblem(reader: avro.Type, writer: avro.Type): avro.Resolver | string {
  try {
    return reader.createResolver(writer);
  } catch (error) {
    return (error as Error).message;
  }
}

/** Writes `value` with `writer` and reads the bytes with `reader`. */
function through(value: unknown, writer: avro.Type, reader: avro.Type, resolver: avro.Resolver): unknown {
  return reader.fromBuffer(writer.toBuffer(value), resolver);
}

/**
 * FULL compatibility as Pulsar's FULL strategy means it (pulsar-notes §C): each schema reads data written with
 * the other. Proven twice: avsc must build a resolver in both directions, and random records written with each
 * schema must read back through the other with every shared field intact (same bytes when written again).
 */
export function checkFullCompatibility(older: avro.Schema, newer: avro.Schema, samples = 50): CompatibilityReport {
  const oldType = avro.Type.forSchema(older, { wrapUnions: false });
  const newType = avro.Type.forSchema(newer, { wrapUnions: false });
  const newReadsOld = resolverOrProblem(newType, oldType);
  const oldReadsNew = resolverOrProblem(oldType, newType);
  const problems: string[] = [];
  if (typeof newReadsOld === 'string') problems.push(`newer cannot read older: ${newReadsOld}`);
  if (typeof oldReadsNew === 'string') problems.push(`older cannot read newer: ${oldReadsNew}`);
  if (typeof newReadsOld === 'string' || typeof oldReadsNew === 'string') return { compatible: false, problems };

  const survives = (oldValue: unknown): boolean => {
    const back = through(through(oldValue, oldType, newType, newReadsOld), newType, oldType, oldReadsNew);
    return oldType.toBuffer(back).equals(oldType.toBuffer(oldValue));
  };
  for (let i = 0; i < samples; i += 1) {
    const fromOld: unknown = oldType.random();
    if (!survives(fromOld))
      problems.push(`an older record changed through the newer schema: ${JSON.stringify(fromOld)}`);
    const fromNew: unknown = newType.random();
    if (!survives(through(fromNew, newType, oldType, oldReadsNew))) {
      problems.push(`a newer record lost shared fields through the older schema: ${JSON.stringify(fromNew)}`);
    }
  }
  return { compatible: problems.length === 0, problems };
}
