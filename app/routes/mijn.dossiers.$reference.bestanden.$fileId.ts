import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMyFile } from "~/modules/cases/dossiers.server";
import { fileDownload, orHttpError } from "~/modules/cases/http.server";
import { requireUser } from "~/modules/identity/guards.server";

/** Files are only ever downloads, never rendered inline (X-Content-Type-Options: nosniff comes from the HTTP app for every response). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: "resident" });
  const file = await orHttpError(getMyFile(user, params.fileId!));
  return fileDownload(file);
}
