import type { UploadHandler } from "@remix-run/node";
import { fileTypeFromBuffer } from "file-type";
import { readFormData, readMultipart } from "~/utils/kernel.server";

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILES_PER_POST = 10;
/** Types we accept, recognised by their content (magic bytes), never by the file name. */
export const ALLOWED_TYPES: Record<string, string> = { "application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png" };

export type Upload = { field: string; filename: string; bytes?: Uint8Array; problem?: "tooLarge" | "type"; contentType?: string };

/**
 * Reads a multipart form. Text fields go through the kernel's reader (size-limited: a text
 * field that is too long answers the form again with a 413, see readMultipart); a file larger than the limit is drained and reported as too large instead of failing
 * the whole post, so everything else the resident typed is kept.
 */
export async function readMultipartForm(request: Request): Promise<{ form: FormData; uploads: Upload[] }> {
  const uploads: Upload[] = [];
  const files: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) return undefined;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= MAX_FILE_BYTES) chunks.push(chunk);
    }
    if (!filename || size === 0 || uploads.length >= MAX_FILES_PER_POST) return "";
    const safeName = filename.split(/[\\/]/).pop()!.slice(0, 200);
    if (size > MAX_FILE_BYTES) uploads.push({ field: name, filename: safeName, problem: "tooLarge" });
    else uploads.push({ field: name, filename: safeName, bytes: Buffer.concat(chunks) });
    return "";
  };
  const form = await readMultipart(request, files);
  for (const u of uploads) {
    if (u.problem || !u.bytes) continue;
    const type = await fileTypeFromBuffer(u.bytes);
    if (!type || !ALLOWED_TYPES[type.mime]) u.problem = "type";
    else u.contentType = type.mime;
  }
  return { form, uploads };
}

/** Reads any post: multipart when it is one, url-encoded otherwise. */
export async function readPost(request: Request) {
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) return readMultipartForm(request);
  return { form: await readFormData(request), uploads: [] as Upload[] };
}
