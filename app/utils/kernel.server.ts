import {
  data,
  unstable_composeUploadHandlers,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type UploadHandler,
} from "@remix-run/node";
import { z, type ZodTypeAny } from "zod";
import { DomainError } from "~/modules/platform/errors";
import { cleanUrlEncoded, cleanUtf8 } from "./clean-input";
import { formValues, type FieldErrors, type FormFailure } from "./forms";
import { INTENT_FIELD } from "./intent";

/**
 * The request kernel: every loader and action is
 *   guard (who may call it) → parse params, query and body with zod → one module call → response,
 * and every expected failure becomes an HTTP answer here, in one place:
 *   - a malformed path parameter is a 404 (the thing cannot exist), before any query;
 *   - a malformed query string is a 400;
 *   - a body that does not parse is the form's field errors with the values as typed (400);
 *   - a DomainError is 404/403 for things one may not see, otherwise a form error with its status.
 *
 * Actions post one field that names what to do: `_intent` (a discriminated union on it).
 *
 * Routes import it through app/utils/kernel.ts, whose wrappers are safe in the browser bundle
 * (where this module is empty).
 */

export { INTENT_FIELD };

export type Values = FormFailure["values"];
export type ActionFailure<I = string> = { ok: false; intent?: I; errors: FieldErrors; values: Values; conflict?: boolean };

type Guard<A> = (request: Request, context: AppLoadContext) => Promise<A> | A;

/** The guard of a public route: anyone may call it. */
export const anyone = (): null => null;
type Parsed<S> = S extends ZodTypeAny ? z.infer<S> : Record<string, never>;

/** Throws the plain HTTP answer for an error a reader may not learn more about. */
export function httpError(status: number): never {
  throw new Response(STATUS_TEXT[status] ?? "Error", { status, statusText: STATUS_TEXT[status] });
}
const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 413: "Payload Too Large", 429: "Too Many Requests" };

/** Parses path parameters; anything malformed is a 404, so no odd id reaches the database. */
export function parseParams<S extends ZodTypeAny>(schema: S, params: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(params);
  if (!result.success) httpError(404);
  return result.data;
}

/** Parses the query string (repeated keys become arrays); malformed is a 400. */
export function parseQuery<S extends ZodTypeAny>(schema: S, url: string | URL): z.infer<S> {
  const search = (typeof url === "string" ? new URL(url) : url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (!result.success) httpError(400);
  return result.data;
}

/** Field errors from a failed parse: one message key per field (first issue wins). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message.includes(":") ? issue.message : "common:errors.invalid";
  }
  return errors;
}

/** Never send a password or a one-time code back to the page. */
function safeValues(values: Values): Values {
  const { password: _password, code: _code, ...rest } = values;
  return rest;
}

/**
 * Maps any error thrown by a module call to the answer: rethrows what is not a DomainError
 * (a bug: the error boundary shows a neutral page), throws 404/403 as plain answers, and
 * returns a form failure for the rest.
 */
export function domainErrorResponse<I>(err: unknown, values: Values, intent?: I) {
  if (!(err instanceof DomainError)) throw err;
  if (err.code === "NOT_FOUND" || err.code === "FORBIDDEN") httpError(err.status);
  const headers: HeadersInit = {};
  if (err.code === "RATE_LIMITED" && typeof err.details.retryAfterSeconds === "number") headers["Retry-After"] = String(err.details.retryAfterSeconds);
  const failure: ActionFailure<I> = { ok: false, intent, errors: { _form: err.messageKey }, values: safeValues(values), conflict: err.code === "CONFLICT" };
  return data(failure, { status: err.status, headers });
}

/** For loaders: a DomainError becomes the plain HTTP answer (404 for someone else's case). */
export async function orHttpError<T>(work: Promise<T> | T): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DomainError) httpError(err.status);
    throw err;
  }
}

type LoaderSpec<A, P, Q, R> = {
  guard: Guard<A>;
  params?: P;
  query?: Q;
  run: (input: { actor: A; params: Parsed<P>; query: Parsed<Q>; request: Request; context: AppLoadContext }) => Promise<R> | R;
};

/** A loader: guard → parse → run; DomainErrors become 404/403/… answers. */
export function loaderOf<A, P extends ZodTypeAny | undefined = undefined, Q extends ZodTypeAny | undefined = undefined, R = unknown>(spec: LoaderSpec<A, P, Q, R>) {
  return async ({ request, params, context }: LoaderFunctionArgs): Promise<R> => {
    const actor = await spec.guard(request, context);
    const parsedParams = (spec.params ? parseParams(spec.params, params) : {}) as Parsed<P>;
    const parsedQuery = (spec.query ? parseQuery(spec.query, request.url) : {}) as Parsed<Q>;
    return orHttpError(spec.run({ actor, params: parsedParams, query: parsedQuery, request, context }));
  };
}

/**
 * A body that cannot be read as the form it should be: 400 (unreadable: wrong type, invalid
 * UTF-8, a NUL, malformed or truncated multipart) or 413 (too large). With `fields` and `form`
 * the action answers the form again with those field errors and the values that did arrive.
 */
export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly fields?: FieldErrors,
    readonly form?: FormData,
  ) {
    super(`The request body could not be read (${status}).`);
    this.name = "BodyError";
  }
}

/** Any failure while reading a body, as a BodyError: a stream counted past its limit is a 413 (see app/server/input-guards.ts). */
export function asBodyError(err: unknown): BodyError {
  if (err instanceof BodyError) return err;
  const tooLarge = (e: unknown) => typeof e === "object" && e !== null && (e as { status?: unknown }).status === 413;
  return new BodyError(tooLarge(err) || tooLarge((err as { cause?: unknown } | null)?.cause) ? 413 : 400);
}

/** The most a single text field of a multipart form may hold. */
export const TEXT_FIELD_LIMIT = 100_000;

/**
 * The upload handler for a multipart form's text fields: valid UTF-8 without NUL, at most
 * `maxBytes`; a longer one is drained and named in `tooLong` so the rest of the form survives.
 */
export function textFieldHandler(tooLong: string[], maxBytes = TEXT_FIELD_LIMIT): UploadHandler {
  return async ({ name, filename, data: chunks }) => {
    if (filename !== undefined) return undefined;
    const kept: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size <= maxBytes) kept.push(chunk);
    }
    if (size > maxBytes) {
      tooLong.push(name);
      return "";
    }
    const text = cleanUtf8(Buffer.concat(kept));
    if (text === undefined) throw new BodyError(400);
    return text;
  };
}

/** Files in a form that takes none are read past and dropped. */
const dropFiles: UploadHandler = async ({ filename, data: chunks }) => {
  if (filename === undefined) return undefined;
  for await (const _chunk of chunks) {
    // drained
  }
  return "";
};

/** Reads a multipart body: files through `files`, text fields through textFieldHandler. */
export async function readMultipart(request: Request, files: UploadHandler = dropFiles): Promise<FormData> {
  const tooLong: string[] = [];
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(files, textFieldHandler(tooLong)));
  } catch (err) {
    throw asBodyError(err);
  }
  if (tooLong.length > 0) throw new BodyError(413, Object.fromEntries(tooLong.map((name) => [name, "common:errors.tooLong"])), form);
  return form;
}

/** Reads a url-encoded body: valid UTF-8, well-formed percent-encoding, no NUL. */
export async function readUrlEncoded(request: Request): Promise<FormData> {
  let bytes: ArrayBuffer;
  try {
    bytes = await request.arrayBuffer();
  } catch (err) {
    throw asBodyError(err);
  }
  const text = cleanUtf8(bytes);
  if (text === undefined || !cleanUrlEncoded(text)) throw new BodyError(400);
  const form = new FormData();
  for (const [name, value] of new URLSearchParams(text)) form.append(name, value);
  return form;
}

/** A form post, url-encoded or multipart (files dropped); any other body is a 400. */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.startsWith("multipart/form-data")) return readMultipart(request);
  if (type.startsWith("application/x-www-form-urlencoded")) return readUrlEncoded(request);
  throw new BodyError(400);
}

/** For an action not (yet) written with actionOf: the form, or the 400/413 answer thrown. */
export async function readFormOrRefuse(request: Request): Promise<FormData> {
  try {
    return await readFormData(request);
  } catch (err) {
    httpError(asBodyError(err).status);
  }
}

/** How an action reads its body: url-encoded or multipart text fields (FormData), or a custom reader (uploads). */
export type BodyReader<X> = (request: Request) => Promise<{ form: FormData; extra: X }>;
export const readForm: BodyReader<undefined> = async (request) => ({ form: await readFormData(request), extra: undefined });

type ActionSpec<A, P, B, X, R> = {
  guard: Guard<A>;
  params?: P;
  /** The body's schema: for several actions, z.discriminatedUnion("_intent", [...]). */
  body: B;
  /** Defaults to readForm; pass e.g. a multipart reader that also returns uploads. */
  read?: BodyReader<X>;
  run: (input: { actor: A; params: Parsed<P>; body: Parsed<B>; extra: X; values: Values; request: Request; context: AppLoadContext }) => Promise<R> | R;
};

/**
 * An action: guard → parse params → read and parse the body → run. A body that does not
 * parse answers 400 with the field errors and the values as typed, so nothing is lost.
 */
export function actionOf<A, P extends ZodTypeAny | undefined = undefined, B extends ZodTypeAny = ZodTypeAny, X = undefined, R = unknown>(spec: ActionSpec<A, P, B, X, R>) {
  return async ({ request, params, context }: ActionFunctionArgs) => {
    const actor = await spec.guard(request, context);
    const parsedParams = (spec.params ? parseParams(spec.params, params) : {}) as Parsed<P>;
    let read: { form: FormData; extra: X };
    try {
      read = await (spec.read ?? (readForm as unknown as BodyReader<X>))(request);
    } catch (err) {
      if (err instanceof Response) throw err;
      const bad = asBodyError(err);
      if (!bad.fields || !bad.form) httpError(bad.status);
      const intentValue = bad.form.get(INTENT_FIELD);
      const failure: ActionFailure = { ok: false, intent: typeof intentValue === "string" ? intentValue : undefined, errors: bad.fields, values: safeValues(formValues(bad.form)) };
      return data(failure, { status: bad.status });
    }
    const { form, extra } = read;
    const values = formValues(form);
    const intentValue = form.get(INTENT_FIELD);
    const intent = typeof intentValue === "string" ? intentValue : undefined;
    const input = { ...values, ...(intent !== undefined ? { [INTENT_FIELD]: intent } : {}) };
    const parsed = spec.body.safeParse(input);
    if (!parsed.success) {
      const failure: ActionFailure = { ok: false, intent, errors: fieldErrors(parsed.error), values: safeValues(values) };
      return data(failure, { status: 400 });
    }
    try {
      return await spec.run({ actor, params: parsedParams, body: parsed.data as Parsed<B>, extra, values, request, context });
    } catch (err) {
      return domainErrorResponse(err, values, intent);
    }
  };
}

/** The same parsing for the plain Express routes (fast routes): a 400 JSON answer on failure. */
export function parseOrBadRequest<S extends ZodTypeAny>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; status: 400; body: { error: string; fields: FieldErrors } } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, status: 400, body: { error: "bad_request", fields: fieldErrors(result.error) } };
}
