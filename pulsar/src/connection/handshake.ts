import type net from 'node:net';
import { PulsarError, serverErrorCode } from '../errors.ts';
import { encodeCommand, FrameDecoder } from '../frame.ts';
import type { Frame } from '../frame.ts';
import { CommandType as T } from '../proto/types.ts';
import type { BaseCommand } from '../proto/types.ts';
import { Writer } from '../proto/writer.ts';
import type { BrokerAddress } from './socket.ts';

export const CLIENT_VERSION = 'alpes-pulsar-ts/0.1.0';
/** v19: ack receipts, broker entry metadata (not requested), topic-migration aware brokers keep working. */
export const PROTOCOL_VERSION = 19;

/** Token authentication; `token()` is called on every connect and on every AUTH_CHALLENGE (refresh). */
export interface AuthProvider {
  token(): string | Promise<string>;
}

interface HandshakeOptions {
  auth?: AuthProvider;
  operationTimeoutMs: number;
}

/** CONNECT → CONNECTED (or ERROR / AUTH_CHALLENGE round trips). Bytes after CONNECTED are returned in `rest`. */
export async function handshake(
  socket: net.Socket,
  addr: BrokerAddress,
  opts: HandshakeOptions,
): Promise<{ maxMessageSize?: number; rest: Buffer }> {
  const w = new Writer(1024);
  const connect: BaseCommand = {
    type: T.CONNECT,
    connect: {
      clientVersion: CLIENT_VERSION,
      protocolVersion: PROTOCOL_VERSION,
      featureFlags: { supportsAuthRefresh: true },
    },
  };
  if (opts.auth) {
    const token = await opts.auth.token();
    Object.assign(connect.connect as object, { authMethodName: 'token', authData: Buffer.from(token) });
  }
  socket.write(encodeCommand(w, connect));
  for (;;) {
    const frame = await nextFrame(socket, addr, opts.operationTimeoutMs);
    const c = frame.command;
    if (c.type === T.CONNECTED) return { maxMessageSize: c.connected?.maxMessageSize, rest: Buffer.alloc(0) };
    if (c.type === T.ERROR) {
      const code = serverErrorCode(c.error?.error);
      throw new PulsarError(code, `broker ${addr.url} refused the connection: ${c.error?.message ?? ''}`);
    }
    if (c.type === T.AUTH_CHALLENGE && opts.auth) {
      const token = await opts.auth.token();
      socket.write(
        encodeCommand(w, {
          type: T.AUTH_RESPONSE,
          authResponse: {
            clientVersion: CLIENT_VERSION,
            protocolVersion: PROTOCOL_VERSION,
            response: { authMethodName: 'token', authData: Buffer.from(token) },
          },
        }),
      );
    }
  }
}

function nextFrame(socket: net.Socket, addr: BrokerAddress, timeoutMs: number): Promise<Frame> {
  return new Promise((resolve, reject) => {
    const decoder = new FrameDecoder(1024 * 1024);
    const done = (): void => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', onClose);
    };
    const onData = (chunk: Buffer): void => {
      try {
        decoder.push(chunk, (f) => {
          done();
          resolve(f);
        });
      } catch (e) {
        done();
        reject(e);
      }
    };
    const onClose = (): void => {
      done();
      reject(
        new PulsarError(
          'NotConnected',
          `broker ${addr.url} closed the connection during the handshake (TLS or authentication mismatch?)`,
        ),
      );
    };
    const timer = setTimeout(() => {
      done();
      reject(new PulsarError('Timeout', `no CONNECTED from ${addr.url} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onClose);
  });
}
