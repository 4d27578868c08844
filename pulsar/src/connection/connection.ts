import type net from 'node:net';
import { PulsarError, serverErrorCode } from '../errors.ts';
import { encodeCommand, encodePayloadCommand, FrameDecoder } from '../frame.ts';
import type { Frame } from '../frame.ts';
import type { Logger } from '../logger.ts';
import { CommandType as T } from '../proto/types.ts';
import type { BaseCommand, MessageMetadata } from '../proto/types.ts';
import { Writer } from '../proto/writer.ts';
import { handshake } from './handshake.ts';
import { responseBody, responseError } from './responses.ts';
import type { AuthProvider } from './handshake.ts';
import { openSocket } from './socket.ts';
import type { BrokerAddress, TlsOptions } from './socket.ts';

export interface ConnectionOptions {
  tls?: TlsOptions;
  auth?: AuthProvider;
  operationTimeoutMs: number;
  keepAliveMs: number;
  logger: Logger;
}

/** What a producer or consumer registered on a connection hears from the broker. */
export interface Listener {
  onFrame(frame: Frame): void;
  /** The socket closed, or the broker closed this producer/consumer (topic unload): reconnect. */
  onDisconnect(reason: string): void;
}

interface Pending {
  resolve: (cmd: BaseCommand) => void;
  reject: (e: Error) => void;
  deadline: number;
  what: string;
}

/** One TCP/TLS connection to one broker: framing, handshake, keep-alive, request correlation. */
export class Connection {
  readonly address: BrokerAddress;
  maxMessageSize = 5 * 1024 * 1024;
  closed = false;
  private readonly socket: net.Socket;
  private readonly opts: ConnectionOptions;
  private readonly writer = new Writer();
  private readonly pending = new Map<number, Pending>();
  private readonly producers = new Map<number, Listener>();
  private readonly consumers = new Map<number, Listener>();
  private readonly onClose: (c: Connection) => void;
  private nextRequest = 0;
  private lastHeard = Date.now();
  private corked = false;
  private readonly timer: NodeJS.Timeout;

  static async open(
    address: BrokerAddress,
    opts: ConnectionOptions,
    onClose: (c: Connection) => void,
  ): Promise<Connection> {
    const socket = await openSocket(address, opts.tls, opts.operationTimeoutMs);
    try {
      const { maxMessageSize, rest } = await handshake(socket, address, opts);
      const conn = new Connection(address, socket, opts, onClose);
      if (maxMessageSize) conn.maxMessageSize = maxMessageSize;
      if (rest.length) conn.onData(rest);
      return conn;
    } catch (e) {
      socket.destroy();
      throw e;
    }
  }

  private constructor(
    address: BrokerAddress,
    socket: net.Socket,
    opts: ConnectionOptions,
    onClose: (c: Connection) => void,
  ) {
    this.address = address;
    this.socket = socket;
    this.opts = opts;
    this.onClose = onClose;
    const decoder = new FrameDecoder(this.maxMessageSize + 64 * 1024);
    this.onData = (chunk) => {
      this.lastHeard = Date.now();
      try {
        decoder.push(chunk, (f) => this.dispatch(f));
      } catch (e) {
        this.close(`protocol error: ${(e as Error).message}`);
      }
    };
    socket.on('data', this.onData);
    socket.on('error', (e) => this.close(`socket error: ${e.message}`));
    socket.on('close', () => this.close('socket closed'));
    this.timer = setInterval(() => this.tick(), Math.min(1000, opts.keepAliveMs / 2));
    this.timer.unref();
  }

  private readonly onData: (chunk: Buffer) => void;

  newRequestId(): number {
    return this.nextRequest++;
  }

  addProducer(id: number, l: Listener): void {
    this.producers.set(id, l);
  }
  removeProducer(id: number): void {
    this.producers.delete(id);
  }
  addConsumer(id: number, l: Listener): void {
    this.consumers.set(id, l);
  }
  removeConsumer(id: number): void {
    this.consumers.delete(id);
  }

  /** Sends a command that carries `requestId` and resolves with the broker's answer (or rejects with its error). */
  request(cmd: BaseCommand, requestId: number, what: string): Promise<BaseCommand> {
    if (this.closed)
      return Promise.reject(new PulsarError('NotConnected', `${what}: connection to ${this.address.url} is closed`));
    return new Promise((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, what, deadline: Date.now() + this.opts.operationTimeoutMs });
      this.write(encodeCommand(this.writer, cmd));
    });
  }

  command(cmd: BaseCommand): void {
    if (!this.closed) this.write(encodeCommand(this.writer, cmd));
  }

  payloadFrame(cmd: BaseCommand, metadata: MessageMetadata, payload: Uint8Array): Buffer {
    return encodePayloadCommand(this.writer, cmd, metadata, payload);
  }

  /** Writes are corked until the end of the current event-loop turn, so bursts leave in one syscall. */
  write(frame: Buffer): boolean {
    if (this.closed) return false;
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      setImmediate(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    return this.socket.write(frame);
  }

  close(reason = 'closed by client'): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.socket.destroy();
    this.opts.logger.debug({ broker: this.address.url, reason }, 'pulsar connection closed');
    const err = new PulsarError('NotConnected', `connection to ${this.address.url} lost: ${reason}`);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const l of [...this.producers.values(), ...this.consumers.values()]) l.onDisconnect(reason);
    this.producers.clear();
    this.consumers.clear();
    this.onClose(this);
  }

  private tick(): void {
    const now = Date.now();
    for (const [id, p] of this.pending) {
      if (p.deadline > now) continue;
      this.pending.delete(id);
      p.reject(
        new PulsarError(
          'Timeout',
          `${p.what} timed out after ${this.opts.operationTimeoutMs} ms (broker ${this.address.url})`,
        ),
      );
    }
    const silent = now - this.lastHeard;
    if (silent > 2 * this.opts.keepAliveMs) this.close('no answer to keep-alive pings');
    else if (silent > this.opts.keepAliveMs) this.command({ type: T.PING, ping: {} });
  }

  private dispatch(f: Frame): void {
    const c = f.command;
    switch (c.type) {
      case T.PING:
        return this.command({ type: T.PONG, pong: {} });
      case T.PONG:
        return;
      case T.SEND_RECEIPT:
        return this.producers.get(c.sendReceipt?.producerId ?? -1)?.onFrame(f);
      case T.SEND_ERROR:
        return this.producers.get(c.sendError?.producerId ?? -1)?.onFrame(f);
      case T.MESSAGE:
        return this.consumers.get(c.message?.consumerId ?? -1)?.onFrame(f);
      case T.ACTIVE_CONSUMER_CHANGE:
        return this.consumers.get(c.activeConsumerChange?.consumerId ?? -1)?.onFrame(f);
      case T.REACHED_END_OF_TOPIC:
        return this.consumers.get(c.reachedEndOfTopic?.consumerId ?? -1)?.onFrame(f);
      case T.CLOSE_PRODUCER:
        return this.brokerClosed(this.producers, c.closeProducer?.producerId, 'producer');
      case T.CLOSE_CONSUMER:
        return this.brokerClosed(this.consumers, c.closeConsumer?.consumerId, 'consumer');
      case T.TOPIC_MIGRATED:
        return this.migrated(c);
      case T.AUTH_CHALLENGE:
        return this.answerChallenge();
      default:
        return this.resolve(c);
    }
  }

  private brokerClosed(map: Map<number, Listener>, id: number | undefined, what: string): void {
    const l = map.get(id ?? -1);
    if (!l) return;
    map.delete(id as number);
    l.onDisconnect(`broker closed the ${what} (topic unloaded or moved)`);
  }

  private migrated(c: BaseCommand): void {
    const m = c.topicMigrated;
    if (!m) return;
    this.brokerClosed(m.resourceType === 0 ? this.producers : this.consumers, m.resourceId, 'migrated resource');
  }

  private answerChallenge(): void {
    const auth = this.opts.auth;
    if (!auth) return;
    Promise.resolve(auth.token()).then(
      (token) =>
        this.command({
          type: T.AUTH_RESPONSE,
          authResponse: {
            clientVersion: 'alpes-pulsar',
            protocolVersion: 19,
            response: { authMethodName: 'token', authData: Buffer.from(token) },
          },
        }),
      (e: unknown) => this.close(`token provider failed: ${(e as Error).message}`),
    );
  }

  private resolve(c: BaseCommand): void {
    const body = responseBody(c);
    const id = body?.requestId;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p || id === undefined) return;
    if (c.type === T.PRODUCER_SUCCESS && c.producerSuccess?.producerReady === false) return;
    this.pending.delete(id);
    const err = responseError(c);
    if (err) p.reject(new PulsarError(serverErrorCode(err.code), `${p.what}: ${err.message}`));
    else p.resolve(c);
  }
}
