import type { PooledConnection } from './create-pooled-connection.ts';

const SWEEP_INTERVAL_MS = 1000;
/** Reuse a connection no later than this before the server's announced keep-alive timeout. */
const KEEP_ALIVE_MARGIN_MS = 1000;

/** A pool's free connections, most recently used first. */
export interface IdleConnections {
  /** The most recently parked connection still safe to reuse; closes the ones it passes over. */
  take(): PooledConnection | undefined;
  /** Keeps a free connection until its deadline: the pool's keep-alive, or the server's less a margin. */
  park(connection: PooledConnection, serverKeepAliveMs: number | undefined): void;
  /** Its socket closed. */
  remove(connection: PooledConnection): void;
  /** Closes every parked connection. */
  closeAll(): void;
  /** Stops the sweep that closes expired connections (the pool has closed). */
  stopSweep(): void;
}

/**
 * The idle connections of a pool and the rule for reusing one: never past its deadline,
 * which comes a second before the server's announced keep-alive timeout, so the server
 * does not close a socket just as a request goes out on it. A sweep closes expired ones
 * so their sockets do not linger; it does not keep the process alive.
 */
export function createIdleConnections(keepAliveMs: number): IdleConnections {
  const idle: PooledConnection[] = [];
  let sweep: ReturnType<typeof setInterval> | undefined;

  const closeExpired = () => {
    const now = Date.now();
    for (const connection of idle.filter((c) => now - c.idleSince >= c.maxIdleMs))
      connection.socket.destroy();
  };

  return {
    take() {
      const now = Date.now();
      for (let connection = idle.pop(); connection; connection = idle.pop()) {
        if (!connection.socket.destroyed && now - connection.idleSince < connection.maxIdleMs)
          return connection;
        connection.socket.destroy();
      }
      return undefined;
    },
    park(connection, serverKeepAliveMs) {
      connection.idleSince = Date.now();
      connection.maxIdleMs =
        serverKeepAliveMs === undefined
          ? keepAliveMs
          : Math.min(keepAliveMs, serverKeepAliveMs - KEEP_ALIVE_MARGIN_MS);
      connection.socket.unref();
      idle.push(connection);
      sweep ??= setInterval(closeExpired, SWEEP_INTERVAL_MS).unref();
    },
    remove(connection) {
      const at = idle.indexOf(connection);
      if (at !== -1) idle.splice(at, 1);
    },
    closeAll() {
      for (const connection of idle.splice(0)) connection.socket.destroy();
    },
    stopSweep() {
      if (sweep) clearInterval(sweep);
    },
  };
}
