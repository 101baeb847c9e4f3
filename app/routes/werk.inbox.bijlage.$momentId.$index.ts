import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError } from "~/modules/cases/http.server";
import { mailAttachment } from "~/modules/contacts/inbox.server";
import { requireStaff } from "~/modules/identity/guards.server";

/**
 * An attachment of a received mail. Sent by anyone, so it is only ever a download as opaque
 * bytes (never rendered inline, never with the sender's content type) in a sandbox.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const agent = await requireStaff(request, ["frontoffice", "admin"]);
  const file = await orHttpError(mailAttachment(agent, params.momentId!, Number.parseInt(params.index ?? "", 10)));
  const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
