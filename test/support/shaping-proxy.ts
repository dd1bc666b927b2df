/**
 * A TCP proxy on 127.0.0.1 that behaves like one access line in front of a server: a one-way delay of half the
 * round trip in each direction, one shared token bucket per direction (every connection shares the line), one round
 * trip more for each new connection (its TCP handshake), and backpressure instead of unbounded buffering.
 *
 * It terminates nothing: put it in front of a plain-HTTP server. For a client that does not pipeline (Node's agent,
 * rclone), it logs each connection and each HTTP/1.1 request's start (the request line, as it reaches the proxy) and
 * the status and arrival at the client of its answer. Request bodies are skipped by Content-Length; a chunked request
 * body ends the logging of that connection.
 */
import net from 'node:net';

export interface LineOptions {
  /** The round trip, ms: each direction delays by half of it. */
  rttMs: number;
  /** Bytes per second from the server to the client. */
  downBytesPerSecond: number;
  /** Bytes per second from the client to the server. */
  upBytesPerSecond: number;
}

export interface LoggedConnection {
  id: number;
  openedAt: number;
}

export interface LoggedRequest {
  connection: number;
  method: string;
  path: string;
  /** When its request line reached the proxy (performance.now()). */
  startedAt: number;
  status?: number;
  /** When the first bytes of its answer reached the client. */
  answeredAt?: number;
}

export interface ShapingProxy {
  port: number;
  /** `http://127.0.0.1:PORT` followed by `path` (default '/'). */
  urlFor(path?: string): string;
  connections: LoggedConnection[];
  requests: LoggedRequest[];
  close(): Promise<void>;
}

/** Pieces the line is shared in: no connection holds it for long. */
const PIECE = 16 * 1024;

/**
 * One direction of the line: pieces are sent one after another at the line's rate. Its buffer holds one round
 * trip's worth of the rate (the classic size of a router's buffer), shared by all connections: while it is full,
 * every source is paused.
 */
class Line {
  private busyUntil = 0;
  private queued = 0;
  private readonly paused = new Set<() => void>();
  constructor(
    private readonly bytesPerMs: number,
    private readonly bufferBytes: number,
  ) {}

  /** When a piece handed over now has been sent. */
  send(bytes: number, now: number): number {
    this.queued += bytes;
    this.busyUntil = Math.max(now, this.busyUntil) + bytes / this.bytesPerMs;
    return this.busyUntil;
  }

  /** Pauses with `pause` while the buffer is full; `resume` once there is room. */
  holdWhileFull(pause: () => void, resume: () => void): void {
    if (this.queued < this.bufferBytes) return;
    pause();
    this.paused.add(resume);
  }

  delivered(bytes: number): void {
    this.queued -= bytes;
    if (this.queued >= this.bufferBytes) return;
    for (const resume of this.paused) resume();
    this.paused.clear();
  }
}

interface Piece {
  data: Buffer | null;
  at: number;
  onWritten?: () => void;
}

/** Delivers pieces to `to` in order, each not before its time; pauses `from` while too much is queued. */
function direction(
  from: net.Socket,
  to: net.Socket,
  line: Line,
  oneWayMs: number,
  watch: (chunk: Buffer) => (() => void) | undefined,
) {
  const queue: Piece[] = [];
  let waitingForDrain = false;
  let timer: NodeJS.Timeout | undefined;
  const pump = () => {
    timer = undefined;
    while (queue.length > 0) {
      const head = queue[0] as Piece;
      const wait = head.at - performance.now();
      if (wait > 0) {
        timer = setTimeout(pump, wait);
        return;
      }
      queue.shift();
      if (head.data === null) {
        to.end();
        return;
      }
      line.delivered(head.data.length);
      head.onWritten?.();
      if (!to.write(head.data)) {
        waitingForDrain = true;
        to.once('drain', () => {
          waitingForDrain = false;
          if (!timer) pump();
        });
        return;
      }
    }
  };
  const push = (piece: Piece) => {
    queue.push(piece);
    if (!timer && !waitingForDrain && queue.length === 1)
      timer = setTimeout(pump, Math.max(0, piece.at - performance.now()));
  };
  from.on('data', (chunk: Buffer) => {
    const onWritten = watch(chunk);
    for (let offset = 0; offset < chunk.length; offset += PIECE) {
      const data = chunk.subarray(offset, offset + PIECE);
      const at = line.send(data.length, performance.now()) + oneWayMs;
      push(offset === 0 && onWritten ? { data, at, onWritten } : { data, at });
    }
    line.holdWhileFull(
      () => from.pause(),
      () => {
        if (!from.destroyed) from.resume();
      },
    );
  });
  from.on('end', () => push({ data: null, at: performance.now() + oneWayMs }));
  return {
    stop() {
      if (timer) clearTimeout(timer);
      // what a closed connection left on the line is dropped, so that it frees the buffer
      for (const piece of queue.splice(0)) if (piece.data) line.delivered(piece.data.length);
    },
  };
}

/** Finds HTTP/1.1 request starts in a client's byte stream. */
class RequestReader {
  private head = '';
  private bodyLeft = 0;
  private lost = false;
  constructor(private readonly onRequest: (method: string, path: string) => void) {}

  write(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0 && !this.lost) {
      if (this.bodyLeft > 0) {
        const skipped = Math.min(this.bodyLeft, rest.length);
        this.bodyLeft -= skipped;
        rest = rest.subarray(skipped);
        continue;
      }
      const before = this.head.length;
      this.head += rest.toString('latin1');
      const end = this.head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const consumed = end + 4 - before;
      this.readHead(this.head.slice(0, end));
      this.head = '';
      rest = rest.subarray(consumed);
    }
  }

  private readHead(head: string): void {
    const [requestLine = '', ...headers] = head.split('\r\n');
    const [method = '', path = ''] = requestLine.split(' ');
    this.onRequest(method, path);
    for (const line of headers) {
      const [name = '', value = ''] = line.split(/:\s*/, 2);
      if (name.toLowerCase() === 'content-length') this.bodyLeft = Number(value) || 0;
      if (name.toLowerCase() === 'transfer-encoding' && /chunked/i.test(value)) this.lost = true;
    }
  }
}

/**
 * How many round trips the requests took one after another: a request is in round 1 unless an answer had reached
 * the client before it started; then it is one round after the latest such answer's request.
 */
export function roundTrips(requests: readonly LoggedRequest[]): number {
  const rounds = new Map<LoggedRequest, number>();
  for (const request of requests) {
    const after = requests.filter((q) => q.answeredAt !== undefined && q.answeredAt <= request.startedAt);
    rounds.set(request, 1 + Math.max(0, ...after.map((q) => rounds.get(q) ?? 0)));
  }
  return Math.max(0, ...rounds.values());
}

export async function startShapingProxy(
  target: { host: string; port: number },
  line: LineOptions,
): Promise<ShapingProxy> {
  const down = new Line(line.downBytesPerSecond / 1000, (line.downBytesPerSecond * line.rttMs) / 1000);
  const up = new Line(line.upBytesPerSecond / 1000, (line.upBytesPerSecond * line.rttMs) / 1000);
  const oneWay = line.rttMs / 2;
  const connections: LoggedConnection[] = [];
  const requests: LoggedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    const id = connections.length + 1;
    connections.push({ id, openedAt: performance.now() });
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
        toServer.stop();
        toClient.stop();
      });
    }
    let answering: LoggedRequest | undefined;
    const reader = new RequestReader((method, path) => {
      answering = { connection: id, method, path, startedAt: performance.now() };
      requests.push(answering);
    });
    const toServer = direction(client, upstream, up, oneWay, (chunk) => {
      reader.write(chunk);
      return undefined;
    });
    // without pipelining, the first bytes from the server after a request's start begin its answer
    const toClient = direction(upstream, client, down, oneWay, (chunk) => {
      const request = answering;
      if (!request || request.status !== undefined) return undefined;
      request.status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(chunk.toString('latin1', 0, 16))?.[1] ?? 0);
      return () => {
        request.answeredAt = performance.now();
      };
    });
    upstream.pause();
    // the handshake: one round trip before the first byte from the client goes anywhere
    const handshake = setTimeout(() => {
      timers.delete(handshake);
      client.resume();
      upstream.resume();
    }, line.rttMs);
    timers.add(handshake);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    urlFor: (path = '/') => `http://127.0.0.1:${port}${path}`,
    connections,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
