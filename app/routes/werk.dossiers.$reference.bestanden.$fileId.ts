import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/modules/cases/http.server";
import { getCaseFileAsStaff } from "~/modules/cases/staff.server";
import { requireStaff } from "~/modules/identity/guards.server";

/** A resident's file for staff who may handle the case: always a download, never inline; each download is audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaff(request, ["backoffice", "frontoffice", "admin"]);
  const file = await orHttpError(getCaseFileAsStaff(actor, params.reference!, params.fileId!));
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
