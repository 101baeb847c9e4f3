import { DomainError } from "~/modules/platform/errors";

/** For loaders: an expected DomainError becomes a plain HTTP error (404 for someone else's case). */
export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DomainError) throw new Response(err.code, { status: err.status });
    throw err;
  }
}
