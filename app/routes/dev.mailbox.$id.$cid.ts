import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDevMail } from "~/modules/notify/mailbox.server";
import { isProduction } from "~/utils/env.server";

/** An inline image (cid attachment) of a mail in the development mailbox; never in production. */
export async function loader({ params }: LoaderFunctionArgs) {
  if (isProduction() || !/^[0-9a-f-]{36}$/.test(params.id ?? "")) throw new Response("Not found", { status: 404 });
  const mail = await getDevMail(params.id!);
  const file = mail?.attachments.find((a) => a.cid === params.cid && a.contentType.startsWith("image/"));
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(Buffer.from(file.contentBase64, "base64"), { headers: { "Content-Type": file.contentType, "Cache-Control": "no-store" } });
}
