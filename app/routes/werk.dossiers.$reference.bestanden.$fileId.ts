import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileDownload, orHttpError } from "~/modules/cases/http.server";
import { getCaseFileAsStaff } from "~/modules/cases/staff.server";
import { requireStaffCan } from "~/modules/identity/guards.server";

/** A resident's file for staff who may handle the case: always a download, never inline; each download is audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireStaffCan(request, "cases.view");
  const file = await orHttpError(getCaseFileAsStaff(actor, params.reference!, params.fileId!));
  return fileDownload(file);
}
