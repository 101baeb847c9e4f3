import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileDownload, orHttpError } from "~/modules/cases/http.server";
import { mailAttachment } from "~/modules/contacts/inbox.server";
import { requireStaffCan } from "~/modules/identity/guards.server";

/**
 * An attachment of a received mail. Sent by anyone, so it is only ever a download as opaque
 * bytes (never rendered inline, never with the sender's content type) in a sandbox.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const agent = await requireStaffCan(request, "residents.serve");
  const file = await orHttpError(mailAttachment(agent, params.momentId!, Number.parseInt(params.index ?? "", 10)));
  return fileDownload(file, "application/octet-stream");
}
