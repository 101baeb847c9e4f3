import { z } from "zod";
import { fileDownload } from "~/modules/cases/http.server";
import { getCaseFileAsStaff } from "~/modules/cases/staff.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { caseReference, uuid } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";

/** A resident's file for staff who may handle the case: always a download, never inline; each download is audited. */
export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "cases.view"),
  params: z.object({ reference: caseReference, fileId: uuid }),
  run: async ({ actor, params }) => fileDownload(await getCaseFileAsStaff(actor, params.reference, params.fileId)),
});
