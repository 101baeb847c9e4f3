import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { posterForEntrance, posterSvg } from "~/modules/access/entrance.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { uuid } from "~/utils/ids";
import { loaderOf } from "~/utils/kernel";
import { pageMeta } from "~/i18n/meta";

export const meta: MetaFunction = (args) => pageMeta(args, "poster");
export const handle = { i18n: ["access"] };

/** The poster on screen; the print stylesheet prints only the A4 sheet. */
export const loader = loaderOf({
  guard: (request) => requireStaffCan(request, "admin.manage"),
  params: z.object({ entranceId: uuid }),
  run: async ({ actor, params }) => {
    const poster = await posterForEntrance(actor, params.entranceId);
    return { entranceId: params.entranceId, entranceName: poster.entranceName, buildingName: poster.buildingName, url: poster.url, svg: await posterSvg(actor, params.entranceId) };
  },
});

export default function Poster() {
  const { t } = useTranslation("access");
  const p = useLoaderData<typeof loader>();
  return (
    <div className="stack poster-page">
      <h1>{t("poster.print", { entrance: `${p.buildingName} – ${p.entranceName}` })}</h1>
      <p>
        <a href={`/werk/toegang/affiches/${p.entranceId}/svg`} download>
          {t("poster.download")}
        </a>{" "}
        · <Link to="/werk/toegang/affiches">{t("poster.title")}</Link>
      </p>
      <p className="pass-token">{p.url}</p>
      {/* Our own SVG: every text in it is escaped when it is made. */}
      <div className="poster-sheet" dangerouslySetInnerHTML={{ __html: p.svg.replace(/^<\?xml[^>]*>\s*/, "") }} />
    </div>
  );
}
