import { CommandType as T } from '../proto/types.ts';
import type { BaseCommand } from '../proto/types.ts';

// Answers that carry a request_id, and the error (if any) inside them.
type ResponseBody = { requestId?: number; error?: number; errorCode?: number; message?: string; errorMessage?: string };

export function responseBody(c: BaseCommand): ResponseBody | undefined {
  return (c.success ??
    c.error ??
    c.producerSuccess ??
    c.lookupTopicResponse ??
    c.partitionMetadataResponse ??
    c.getSchemaResponse ??
    c.getLastMessageIdResponse ??
    c.ackResponse) as ResponseBody | undefined;
}

export function responseError(c: BaseCommand): { code: number; message: string } | undefined {
  const b = responseBody(c) as ResponseBody;
  const code = b.error ?? b.errorCode;
  if (c.type === T.LOOKUP_RESPONSE && c.lookupTopicResponse?.response !== 2) return undefined;
  if (c.type === T.PARTITIONED_METADATA_RESPONSE && c.partitionMetadataResponse?.response !== 1) return undefined;
  if (code === undefined && c.type !== T.ERROR) return undefined;
  return { code: code ?? 0, message: b.message ?? b.errorMessage ?? 'request failed' };
}
