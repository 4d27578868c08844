import { catalogue, topicNames, versionsOf } from './catalogue.ts';

export const tableStart = '<!-- topic-table:start (generated from src/catalogue.ts by scripts/writeReadme.ts) -->';
export const tableEnd = '<!-- topic-table:end -->';

/** The README's topic table, rendered from the catalogue (a unit test keeps the README in step). */
export function topicTable(): string {
  const rows = topicNames.map((topic) => {
    const spec = catalogue[topic];
    const versions = versionsOf(topic)
      .map((v) => `[${v}](${(spec.versions as Record<string, string>)[v]})`)
      .join(', ');
    const consumers = spec.consumers.map((c) => `${c.service} (\`${c.subscription}\`)`).join('<br>');
    const origin = spec.original ? 'original' : 'new';
    return (
      `| \`${topic}\` | ${spec.kind} | \`${spec.recordName}\` / \`${spec.payloadName}\` | \`${spec.messageType}\` ` +
      `| ${versions} (${origin}) | ${spec.producer} | ${consumers} | \`${spec.key.join('.')}\` | ${spec.description} |`
    );
  });
  return [
    tableStart,
    '| topic | kind | record / payload | `message_type` | versions | producer | consumers (subscription) | key | what |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    tableEnd,
  ].join('\n');
}

/** `readme` with the text between the table markers replaced by the current table. */
export function withTopicTable(readme: string): string {
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd);
  if (start < 0 || end < start) throw new Error('README has no topic-table markers');
  return readme.slice(0, start) + topicTable() + readme.slice(end + tableEnd.length);
}
