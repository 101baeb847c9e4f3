import { z } from "zod";
import { getMyFile } from "~/modules/cases/dossiers.server";
import { fileDownload } from "~/modules/cases/http.server";
import { requireUser } from "~/modules/identity/guards.server";
import { caseReference, uuid } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";

/** Files are only ever downloads, never rendered inline (X-Content-Type-Options: nosniff comes from the HTTP app for every response). */
const loaderParams = z.object({ reference: caseReference, fileId: uuid });
export const loader = loaderOf({
  guard: (request) => requireUser(request, { role: "resident" }),
  params: loaderParams,
  run: async ({ actor, params }) => fileDownload(await getMyFile(actor, params.fileId)),
});
