import { redirect, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { AssignmentsSection } from "~/components/counter-admin/AssignmentsSection";
import { DesksSection } from "~/components/counter-admin/DesksSection";
import { ThemesSection } from "~/components/counter-admin/ThemesSection";
import { Notice } from "~/components/forms";
import { useFormResult } from "~/components/useFormResult";
import { assignmentSchema, deskSchema, isRealDay, themeSchema } from "~/modules/counter/admin-schemas";
import {
  assignDesk,
  assignmentsForDay,
  clearAssignment,
  listAgents,
  listAllDesks,
  listAllThemes,
  saveDesk,
  saveTheme,
  setDeskActive,
  todayInMechelen,
} from "~/modules/counter/admin.server";
import { requireStaffCan } from "~/modules/identity/guards.server";
import { isoDay, uuid } from "~/utils/ids";
import { actionOf, loaderOf } from "~/utils/kernel";

export const meta: MetaFunction = () => [{ title: "Loketten – Werkplek" }];
export const handle = { i18n: ["counteradmin"] };

const guard = (request: Request) => requireStaffCan(request, "admin.manage");

export const loader = loaderOf({
  guard,
  // A day that is not one shows today (the day picker is a plain GET form).
  query: z.object({ dag: z.string().max(40).optional(), opgeslagen: z.string().max(40).optional() }),
  run: async ({ actor, query }) => {
    const today = await todayInMechelen();
    const day = query.dag && isRealDay(query.dag) ? query.dag : today;
    const [themes, desks, agents, assignments] = await Promise.all([listAllThemes(actor), listAllDesks(actor), listAgents(actor), assignmentsForDay(actor, day)]);
    return { themes, desks, agents, assignments, day, today };
  },
});

/** One checkbox arrives as a string, several as a list. */
const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

const counterAdminActions = z.discriminatedUnion("_intent", [
  themeSchema.extend({ _intent: z.literal("addTheme") }),
  deskSchema.extend({ _intent: z.literal("addDesk") }),
  deskSchema.extend({ _intent: z.literal("renameDesk"), deskId: uuid }),
  z.object({ _intent: z.literal("deskActive"), deskId: uuid, active: z.enum(["true", "false"]) }),
  assignmentSchema.extend({ _intent: z.literal("assign"), themeIds: z.preprocess(list, assignmentSchema.shape.themeIds) }),
  z.object({ _intent: z.literal("unassign"), deskId: uuid, day: isoDay }),
]);

export const action = actionOf({
  guard,
  body: counterAdminActions,
  run: async ({ actor, body }) => {
    switch (body._intent) {
      case "addTheme":
        await saveTheme(actor, body);
        return redirect("/werk/beheer/loketten?opgeslagen=thema");
      case "addDesk":
      case "renameDesk":
        await saveDesk(actor, body.deskName, body._intent === "renameDesk" ? body.deskId : undefined);
        return redirect("/werk/beheer/loketten?opgeslagen=loket#desks-title");
      case "deskActive":
        await setDeskActive(actor, body.deskId, body.active === "true");
        return redirect("/werk/beheer/loketten?opgeslagen=loket#desks-title");
      case "assign":
        await assignDesk(actor, body);
        return redirect(`/werk/beheer/loketten?dag=${body.day}&opgeslagen=bezetting#assign-title`);
      case "unassign":
        await clearAssignment(actor, { day: body.day, deskId: body.deskId });
        return redirect(`/werk/beheer/loketten?dag=${body.day}&opgeslagen=bezetting#assign-title`);
    }
  },
});

const SAVED: Record<string, string> = { thema: "theme", loket: "desk", bezetting: "assignment", verwijderd: "removed" };

export default function CounterAdmin() {
  const { t, i18n } = useTranslation("counteradmin");
  const { themes, desks, agents, assignments, day } = useLoaderData<typeof loader>();
  const { errors, values, rawValues, intent } = useFormResult();
  const [params] = useSearchParams();
  const lng = (i18n.language ?? "nl") as "nl" | "en" | "fr";
  const f = { failed: intent, errors, values, rawValues };
  const themeName = (id: string) => {
    const theme = themes.find((x) => x.id === id);
    return theme ? `${theme.letter} – ${theme.name[lng] ?? theme.name.nl}` : id;
  };
  const saved = params.get("opgeslagen");
  return (
    <div className="stack">
      {saved && SAVED[saved] ? <Notice>{t(`saved.${SAVED[saved]}`)}</Notice> : null}
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <ThemesSection themes={themes} lng={lng} f={f} />
      <DesksSection desks={desks} f={f} />
      <AssignmentsSection day={day} themes={themes} desks={desks} agents={agents} assignments={assignments} themeName={themeName} f={f} />
    </div>
  );
}
