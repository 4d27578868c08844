import net from 'node:net';
import tls from 'node:tls';
import { PulsarError } from '../errors.ts';

export interface TlsOptions {
  /** PEM CA bundle that signed the broker certificate; default: Node's root store. */
  ca?: string | Buffer | (string | Buffer)[];
  /** Client certificate and key, for brokers that require mutual TLS. */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Default true. Turn off only for throw-away test brokers with self-signed certificates. */
  rejectUnauthorized?: boolean;
  /** Default true: the certificate must name the host we dial. */
  checkHostname?: boolean;
}

export interface BrokerAddress {
  host: string;
  port: number;
  tls: boolean;
  /** Canonical `pulsar://host:port` or `pulsar+ssl://host:port`, the pool key. */
  url: string;
}

/** Parses `pulsar://host:port` / `pulsar+ssl://host:port` (first host of a comma list). */
export function parseServiceUrl(serviceUrl: string): BrokerAddress {
  const m = /^(pulsar|pulsar\+ssl):\/\/([^,/:]+|\[[^\]]+\])(?::(\d+))?/.exec(serviceUrl.trim());
  if (!m)
    throw new PulsarError(
      'InvalidConfiguration',
      `invalid Pulsar service URL "${serviceUrl}"; expected pulsar://host:6650 or pulsar+ssl://host:6651`,
    );
  const secure = m[1] === 'pulsar+ssl';
  const host = (m[2] as string).replace(/^\[|\]$/g, '');
  const port = m[3] ? Number(m[3]) : secure ? 6651 : 6650;
  return { host, port, tls: secure, url: `${secure ? 'pulsar+ssl' : 'pulsar'}://${m[2]}:${port}` };
}

export function openSocket(
  addr: BrokerAddress,
  tlsOptions: TlsOptions | undefined,
  timeoutMs: number,
): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = addr.tls
      ? tls.connect({
          host: addr.host,
          port: addr.port,
          servername: net.isIP(addr.host) ? undefined : addr.host,
          ca: tlsOptions?.ca,
          cert: tlsOptions?.cert,
          key: tlsOptions?.key,
          rejectUnauthorized: tlsOptions?.rejectUnauthorized ?? true,
          ...(tlsOptions?.checkHostname === false ? { checkServerIdentity: () => undefined } : {}),
        })
      : net.connect({ host: addr.host, port: addr.port });
    const timer = setTimeout(
      () => fail(new PulsarError('Timeout', `connecting to ${addr.url} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (e: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        e instanceof PulsarError
          ? e
          : new PulsarError('NotConnected', `cannot connect to ${addr.url}: ${e.message}`, { cause: e }),
      );
    };
    socket.once('error', fail);
    socket.once(addr.tls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeListener('error', fail);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}
