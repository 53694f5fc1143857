import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface DrainOptions {
  /** How long to wait for requests already received; then their connections are closed. */
  timeoutMs: number;
}

export interface DrainResult {
  /** The wait ran out before every request was answered. */
  timedOut: boolean;
  /** Requests still unanswered when their connections were closed (0 unless timed out). */
  abandoned: number;
}

export interface RequestTracker {
  /** Requests the app has received and not yet answered. */
  inFlight(): number;
  /**
   * Shuts the server down without cutting a request it has received: see
   * trackRequests. Resolves once the listener and every connection are
   * closed, or after `timeoutMs` with the remaining connections cut. Call once.
   */
  drainAndClose(options: DrainOptions): Promise<DrainResult>;
}

/**
 * How long no request may have arrived before the listener and the idle
 * keep-alive connections are closed. A client that got a keep-alive answer
 * just before the drain began may have its next request on the wire already:
 * closing the connection under it would reset it.
 */
const QUIET_MS = 500;

/** Seconds a client refused during shutdown should wait before it retries (another instance, or this one restarted). */
const RETRY_AFTER_SECONDS = 1;

const SHUTTING_DOWN = JSON.stringify({
  type: 'https://leadharbor.dev/problems/shutting_down',
  title: 'Service Unavailable',
  status: 503,
  code: 'shutting_down',
  detail: 'This server is shutting down. Retry in a moment; nothing was saved.',
});

function refuse(req: IncomingMessage, res: ServerResponse): void {
  // Read the body first: closing a connection with unread bytes in it resets it, and the client would never see the 503.
  req.resume();
  req.once('end', () => {
    res.writeHead(503, {
      'Content-Type': 'application/problem+json; charset=utf-8', 'Content-Length': Buffer.byteLength(SHUTTING_DOWN),
      'Retry-After': String(RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store', Connection: 'close',
    }).end(SHUTTING_DOWN);
  });
}

/**
 * Follows `server`'s requests so it can shut down without cutting any of
 * them. Call once the app's request listener is attached (`app.listen()` or
 * `http.createServer(app)`) and before the server accepts connections.
 *
 * A drain, in order:
 * 1. every request already received, or arriving on a connection opened
 *    before the drain, is answered by the app as usual, with
 *    `Connection: close` so a keep-alive client reconnects instead of finding
 *    its connection gone;
 * 2. a connection opened during the drain gets `503 shutting_down` with
 *    `Retry-After` (nothing reaches the app), rather than the reset a
 *    connection still in the accept queue gets when a listener closes;
 * 3. once no request is running and none has arrived for QUIET_MS, the
 *    listener and the idle connections close.
 */
export function trackRequests(server: Server): RequestTracker {
  const running = new Set<ServerResponse>();
  const late = new WeakSet<Socket>();
  let draining = false;
  let lastRequestAt = 0;
  let waiters: Array<() => void> = [];
  const allAnswered = () => new Promise<'answered'>((resolve) => {
    if (running.size === 0) resolve('answered'); else waiters.push(() => resolve('answered'));
  });
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };

  server.on('connection', (socket: Socket) => { if (draining) late.add(socket); });
  // The app's listeners are called from here, so a request refused during the drain never reaches them.
  const handlers = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (draining && late.has(req.socket)) { refuse(req, res); return; }
    running.add(res);
    lastRequestAt = Date.now();
    if (draining) closeAfter(res);
    res.once('close', () => {
      running.delete(res);
      if (running.size > 0) return;
      const waiting = waiters;
      waiters = [];
      for (const wake of waiting) wake();
    });
    for (const handler of handlers) handler.call(server, req, res);
  });

  return {
    inFlight: () => running.size,
    async drainAndClose({ timeoutMs }) {
      draining = true;
      for (const res of running) closeAfter(res);
      const timers = new Set<NodeJS.Timeout>();
      const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => { timers.add(setTimeout(resolve, ms, value)); });
      const timeout = after(timeoutMs, 'timeout' as const);
      const quietMs = Math.min(QUIET_MS, timeoutMs / 4);
      let closed: Promise<'closed'> | undefined;
      // http.Server#close also closes the idle connections (Node 19+); a busy one closes after its answer.
      const close = () => closed ??= new Promise((resolve) => { server.close(() => resolve('closed')); });
      try {
        for (;;) {
          if (await Promise.race([allAnswered(), timeout]) === 'timeout') break;
          const quietFor = Date.now() - lastRequestAt;
          if (quietFor >= quietMs) {
            if (await Promise.race([close(), timeout]) === 'closed') return { timedOut: false, abandoned: 0 };
            break;
          }
          // A request may arrive meanwhile: then wait for its answer too.
          if (await Promise.race([after(quietMs - quietFor, 'quiet' as const), timeout]) === 'timeout') break;
        }
        const abandoned = running.size;
        void close();
        server.closeAllConnections();
        await closed;
        return { timedOut: true, abandoned };
      } finally {
        for (const timer of timers) clearTimeout(timer);
      }
    },
  };
}
