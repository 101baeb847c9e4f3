import { AsyncLocalStorage } from "node:async_hooks";
import { pino, stdSerializers, type DestinationStream, type Level, type Logger } from "pino";

/**
 * The portal's one logger (pino): JSON lines in production, one readable line per entry in
 * development (pino-pretty), and the request context (request id, route id, role) of the
 * request being served, kept in an AsyncLocalStorage.
 *
 * Why global: this file is loaded twice in a running portal, once by the scripts (tsx) and
 * once inside the Remix server build. The state lives on `globalThis` under a registered
 * symbol, so both copies log to the same destination and see the same request context.
 *
 * What never reaches a log line (docs/operations.md, "Logs and metrics"): cookies,
 * authorization headers, Set-Cookie, query strings, e-mail addresses, login codes, tokens
 * in paths, national numbers. The access log records no headers at all; `redact` is the
 * second line of defence for anything else that logs a request or response object, and
 * `scrub` cleans the free text of error messages (PostgreSQL repeats values in them).
 */

export type Role = "anonymous" | "resident" | "staff" | "kiosk" | "signed-in";
export type RequestContext = { requestId: string; routeId?: string; role?: Role };

export const REDACT_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "headers.cookie",
  "headers.authorization",
  'headers["set-cookie"]',
  "err.parameters",
  "err.query",
  "err.detail",
];

type State = { logger: Logger; context: AsyncLocalStorage<RequestContext>; logged: WeakSet<object>; reporters: ((err: unknown, ctx: RequestContext | undefined) => void)[] };
const KEY = Symbol.for("mechelaar.logging");
const holder = globalThis as unknown as { [KEY]?: State };

const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;
// Belgian national number (rijksregisternummer) and similar: 11 digits, often as 85.07.30-033.28.
const NATIONAL_NUMBER = /\b\d{2}[.\s]?\d{2}[.\s]?\d{2}[-\s]?\d{3}[.\s]?\d{2}\b/g;
// Login codes and other one-time numbers: a standalone run of six digits.
const CODE = /(?<![\w.:/-])\d{6}(?![\w.:/-])/g;

// drizzle's "Failed query: … \nparams: a,b,c" repeats every value of the statement.
const QUERY_PARAMS = /^params: .*$/gm;

/** Free text without query parameters, e-mail addresses, national numbers or login codes. */
export function scrub(text: string): string {
  return text.replace(QUERY_PARAMS, "params: [redacted]").replace(EMAIL, "[email]").replace(NATIONAL_NUMBER, "[number]").replace(CODE, "[code]");
}

/** Errors as type, message, code and stack, scrubbed; never the query parameters postgres.js attaches. */
function errSerializer(err: unknown) {
  if (!(err instanceof Error)) return { message: scrub(String(err)) };
  const s = stdSerializers.err(err);
  return { type: s.type, message: scrub(s.message), code: (err as { code?: unknown }).code, stack: s.stack ? scrub(s.stack) : undefined };
}

export type LoggerOptions = { level?: string; pretty?: boolean; destination?: DestinationStream; bufferBytes?: number };

/** A buffer that is not full is written out at least this often. */
const LOG_FLUSH_MS = 1000;

/**
 * JSON lines to stdout, written synchronously (pino's default) a buffer at a time: one
 * write(2) per few lines instead of one per line, or a hand-off to libuv's thread pool per line
 * (`sync: false`), which cost a cached page or /healthz about a twentieth of its CPU
 * (docs/performance.md, decision 022). The buffer stays below 4 KB (PIPE_BUF): a write of the
 * usual few lines to a pipe is atomic, so lines of several HTTP processes do not mix.
 * What is buffered goes out within a second, with every warning or error, and when the
 * process exits; a process killed with SIGKILL loses at most that second of lines.
 */
export function bufferedLines(bufferBytes: number, fd = 1): DestinationStream {
  const stream = pino.destination({ dest: fd, sync: true, minLength: bufferBytes });
  if (bufferBytes > 0) {
    setInterval(() => stream.flush(), LOG_FLUSH_MS).unref();
    process.once("exit", () => stream.flushSync());
  }
  return stream;
}

async function prettyStream(): Promise<DestinationStream | undefined> {
  try {
    const { default: pretty } = await import("pino-pretty");
    // An access line reads "GET /mikipedia 200 12 ms routes/mikipedia._index anonymous <id>".
    const messageFormat = (log: Record<string, unknown>, messageKey: string) =>
      log[messageKey] === "request"
        ? `${log.method} ${log.path} ${log.status} ${log.durationMs} ms ${log.routeId} ${log.role} ${log.reqId}`
        : `${String(log[messageKey] ?? "")}${log.reqId ? ` (request ${log.reqId})` : ""}`;
    return pretty({
      colorize: process.stdout.isTTY,
      translateTime: "SYS:HH:MM:ss",
      ignore: "pid,hostname,method,path,status,durationMs,routeId,role,reqId",
      singleLine: true,
      sync: true,
      messageFormat,
    });
  } catch {
    return undefined;
  }
}

/** `bufferBytes`: lines are collected up to this many bytes before one write (LOG_BUFFER_BYTES; 0: each line at once). */
function makeLogger(level: string, destination?: DestinationStream, bufferBytes = 0): Logger {
  const out = destination ?? bufferedLines(bufferBytes);
  const flush = (out as { flush?: () => void }).flush?.bind(out);
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: errSerializer, error: errSerializer },
      // Warnings and errors are written at once, with the lines collected before them.
      // (Spread in only when there is a buffer: pino does not accept `hooks: undefined`.)
      ...(flush && {
        hooks: {
          logMethod(args, method, lineLevel) {
            method.apply(this, args);
            if (lineLevel >= 40) flush();
          },
        },
      }),
    },
    out,
  );
}

function state(): State {
  holder[KEY] ??= {
    logger: makeLogger(process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info")),
    context: new AsyncLocalStorage<RequestContext>(),
    logged: new WeakSet(),
    reporters: [],
  };
  return holder[KEY];
}

/**
 * Sets level and destination for the whole process. `pretty` (development) prints one
 * readable line per entry through pino-pretty; otherwise JSON lines go to stdout.
 */
export async function configureLogger(opts: LoggerOptions = {}) {
  const level = opts.level ?? process.env.LOG_LEVEL ?? "info";
  const destination = opts.destination ?? (opts.pretty ? await prettyStream() : undefined);
  state().logger = makeLogger(level, destination, opts.bufferBytes);
  return state().logger;
}

/** The process logger. */
export function logger(): Logger {
  return state().logger;
}

/** The context of the request being served, if any. */
export function requestContext(): RequestContext | undefined {
  return state().context.getStore();
}

/** Runs `fn` (and everything it starts) inside a request's context. */
export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return state().context.run(ctx, fn);
}

/** Names what handled the request (a Remix route id or a fast route's name), for logs and metrics. */
export function noteRoute(routeId: string) {
  const ctx = requestContext();
  if (ctx) ctx.routeId = routeId;
}

/** Records the kind of user behind the request: never who. */
export function noteRole(role: Role) {
  const ctx = requestContext();
  if (ctx) ctx.role = role;
}

/** Called for every error logged (the error reporter hooks in here when SENTRY_DSN is set). */
export function onErrorLogged(report: (err: unknown, ctx: RequestContext | undefined) => void) {
  state().reporters.push(report);
}

/**
 * Logs an error once, with the request id of the request it happened in. The same error
 * object passed again (Remix hands a loader's error to handleError, a boundary may see it
 * again) is not logged twice.
 */
export function logError(err: unknown, msg: string, extra: Record<string, unknown> = {}) {
  const s = state();
  if (err && typeof err === "object") {
    if (s.logged.has(err)) return;
    s.logged.add(err);
  }
  const ctx = requestContext();
  s.logger.error({ ...extra, reqId: ctx?.requestId, routeId: ctx?.routeId, err }, msg);
  for (const report of s.reporters) {
    try {
      report(err, ctx);
    } catch {
      // Reporting must never break the request.
    }
  }
}

export type { Level, Logger };
