import { PulsarError } from '../errors.ts';
import { Connection } from './connection.ts';
import type { ConnectionOptions } from './connection.ts';
import type { BrokerAddress } from './socket.ts';

/** One connection per broker URL, opened on first use and forgotten when it closes. */
export class ConnectionPool {
  private readonly conns = new Map<string, Promise<Connection>>();
  private readonly opts: ConnectionOptions;
  private closed = false;

  constructor(opts: ConnectionOptions) {
    this.opts = opts;
  }

  get(addr: BrokerAddress): Promise<Connection> {
    if (this.closed) return Promise.reject(new PulsarError('AlreadyClosed', 'the Pulsar client is closed'));
    const existing = this.conns.get(addr.url);
    if (existing) return existing;
    const opening = Connection.open(addr, this.opts, (c) => this.forget(c));
    this.conns.set(addr.url, opening);
    opening.catch(() => {
      if (this.conns.get(addr.url) === opening) this.conns.delete(addr.url);
    });
    return opening;
  }

  private forget(c: Connection): void {
    const current = this.conns.get(c.address.url);
    if (!current) return;
    current.then(
      (open) => {
        if (open === c && this.conns.get(c.address.url) === current) this.conns.delete(c.address.url);
      },
      () => {},
    );
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.conns.values()];
    this.conns.clear();
    for (const p of all) {
      try {
        (await p).close();
      } catch {
        // a connection that never opened has nothing to close
      }
    }
  }
}
