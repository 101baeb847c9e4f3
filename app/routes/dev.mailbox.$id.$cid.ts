import { z } from "zod";
import { getDevMail } from "~/modules/notify/mailbox.server";
import { isProduction } from "~/utils/env.server";
import { uuid } from "~/utils/ids";
import { httpError, loaderOf } from "~/utils/kernel";

/** An inline image (cid attachment) of a mail in the development mailbox; never in production. */
const loaderParams = z.object({ id: uuid, cid: z.string().min(1).max(200) });
export const loader = loaderOf({
  guard: () => (isProduction() ? httpError(404) : null),
  params: loaderParams,
  run: async ({ params }) => {
    const mail = await getDevMail(params.id);
    const file = mail?.attachments.find((a) => a.cid === params.cid && a.contentType.startsWith("image/"));
    if (!file) httpError(404);
    return new Response(Buffer.from(file.contentBase64, "base64"), { headers: { "Content-Type": file.contentType, "Cache-Control": "no-store" } });
  },
});
