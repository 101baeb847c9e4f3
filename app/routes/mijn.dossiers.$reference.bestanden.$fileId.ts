import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMyFile } from "~/modules/cases/dossiers.server";
import { orHttpError } from "~/modules/cases/http.server";
import { requireUser } from "~/modules/identity/guards.server";

/** Files are only ever downloads, never rendered inline (X-Content-Type-Options: nosniff comes from the HTTP app for every response). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "resident" });
  const file = await orHttpError(getMyFile(user, params.fileId!));
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
