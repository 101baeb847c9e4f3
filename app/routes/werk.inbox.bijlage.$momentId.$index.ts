import { z } from "zod";
import { fileDownload } from "~/modules/cases/http.server";
import { mailAttachment } from "~/modules/contacts/inbox.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { uuid } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";

/**
 * An attachment of a received mail. Sent by anyone, so it is only ever a download as opaque
 * bytes (never rendered inline, never with the sender's content type) in a sandbox.
 */
export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "residents.serve"),
  params: z.object({
    momentId: uuid,
    index: z
      .string()
      .regex(/^\d{1,3}$/)
      .transform(Number),
  }),
  run: async ({ actor, params }) => fileDownload(await mailAttachment(actor, params.momentId, params.index), "application/octet-stream"),
});
