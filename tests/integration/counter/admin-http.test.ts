import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointmentSchedules, appointments, deskThemes } from "../../../db/schema";
import { bookAppointment, scheduleIsDemo } from "../../../app/modules/counter/appointments.server";
import { startUserSession } from "../../../app/modules/identity/sessions.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { db } from "../../../app/utils/db.server";
import { seedDemoCounter } from "../../../seeds/counter";
import { ensureResident, ensureStaff } from "../../factories/identity";
import { startTestServer } from "../../setup/http-server";

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: string;
let front: string;
beforeAll(async () => {
  await seedDemoCounter(db);
  server = await startTestServer();
  const session = async (roles: ("admin" | "frontoffice")[]) =>
    (await startUserSession(new Request("http://portal.test/"), (await ensureStaff(db, { email: `${roles[0]}-http@example.com`, roles })).id, true)).split(";")[0];
  admin = await session(["admin"]);
  front = await session(["frontoffice"]);
});
afterAll(() => server.close());

// React puts <!-- --> between adjacent text parts; entities as a browser shows them.
const text = async (res: Response) =>
  (await res.text())
    .replace(/<!-- -->/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&");
/** The agenda form as a browser without JavaScript posts it: every row on every weekday. */
const week = (start: string, end: string, slotMinutes = "15", capacity = "2", extra: Record<string, string> = {}) => ({
  rowCount: "7",
  ...Object.fromEntries(
    [0, 1, 2, 3, 4, 5, 6].flatMap((i) => [
      [`weekday-${i}`, String(i + 1)],
      [`start-${i}`, start],
      [`end-${i}`, end],
      [`slotMinutes-${i}`, slotMinutes],
      [`capacity-${i}`, capacity],
    ]),
  ),
  ...extra,
});
const AGENDA = "/werk/beheer/loketten/burgerzaken/agenda";

describe("the appointment schedule form, without JavaScript", () => {
  it("is for admins only", async () => {
    expect((await server.get(AGENDA, { Cookie: front })).status).toBe(403);
    expect((await server.post(AGENDA, week("09:00", "10:00"), { Cookie: front })).status).toBe(403);
    expect((await server.get("/werk/beheer/loketten", { Cookie: front })).status).toBe(403);
    expect((await server.get(AGENDA)).status).toBe(302);
    expect(await scheduleIsDemo("burgerzaken")).toBe(true);
  });

  it("shows the demo schedule, keeps typed values with clear errors, then saves a real schedule", async () => {
    const page = await text(await server.get(AGENDA, { Cookie: admin }));
    expect(page).toContain("Dit is nu een demo-agenda.");
    expect(page).toMatch(/<form method="post"/);
    expect(page).toMatch(/name="start-0"[^>]*value="09:00"/);

    const bad = await server.post(AGENDA, { ...week("09:00", "12:00"), "start-2": "25:00", "end-3": "08:00" }, { Cookie: admin });
    expect(bad.status).toBe(400);
    const html = await text(bad);
    expect(html).toContain('role="alert"');
    expect(html).toContain('href="#start-2">Rij 3: Vul een uur in als UU:MM, bijvoorbeeld 09:00.');
    expect(html).toContain('href="#end-3">Rij 4: Het einduur moet later zijn dan het beginuur.');
    expect(html).toMatch(/name="start-2"[^>]*value="25:00"/);
    expect(html).toMatch(/id="start-2"[^>]*aria-invalid="true"/);
    expect(await scheduleIsDemo("burgerzaken")).toBe(true);

    const saved = await server.post(AGENDA, week("13:00", "15:00", "20", "3"), { Cookie: admin });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`${AGENDA}?opgeslagen=0`);
    expect(await scheduleIsDemo("burgerzaken")).toBe(false);
    const after = await text(await server.get(`${AGENDA}?opgeslagen=0`, { Cookie: admin }));
    expect(after).toContain("De afsprakenagenda is bewaard.");
    expect(after).not.toContain("Dit is nu een demo-agenda.");
    expect(after).toMatch(/name="slotMinutes-0"[^>]*value="20"/);
  });

  it("lists the bookings a change would leave outside the schedule and saves only after confirmation", async () => {
    await db.execute(sql`truncate appointments, appointment_slots cascade`);
    await server.post(AGENDA, week("09:00", "12:00"), { Cookie: admin });
    const p = (await loadCurrentUser((await ensureResident(db, { email: "booked-http@example.com", name: "Bea Booked" })).id))!;
    const [row] = await db.execute<{ at: string }>(sql`
      select to_char((((now() at time zone 'Europe/Brussels')::date + 2) + '11:30'::time) at time zone 'Europe/Brussels' at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at`);
    const booked = await bookAppointment(p, { residentId: p.id, themeSlug: "burgerzaken", startsAt: new Date(row.at) });

    const warned = await server.post(AGENDA, week("09:00", "11:00"), { Cookie: admin });
    expect(warned.status).toBe(409);
    const html = await text(warned);
    expect(html).toContain("1 afspraak valt buiten de nieuwe agenda");
    expect(html).toContain(`${booked.reference} · Bea Booked`);
    expect(html).toContain('href="#confirm"');
    expect(html).toMatch(/name="end-0"[^>]*value="11:00"/);
    const [theme] = await db.select().from(deskThemes).where(eq(deskThemes.slug, "burgerzaken"));
    expect((await db.select().from(appointmentSchedules).where(eq(appointmentSchedules.themeId, theme.id)))[0].endTime).toBe("12:00");

    const confirmed = await server.post(AGENDA, week("09:00", "11:00", "15", "2", { confirm: "on" }), { Cookie: admin });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("location")).toBe(`${AGENDA}?opgeslagen=1`);
    expect((await db.select().from(appointmentSchedules).where(eq(appointmentSchedules.themeId, theme.id)))[0].endTime).toBe("11:00");
    expect((await db.select().from(appointments).where(eq(appointments.id, booked.id)))[0].status).toBe("booked");
  });

  it("adds a theme from the counters page, with errors shown and values kept", async () => {
    const bad = await server.post(
      "/werk/beheer/loketten",
      { _intent: "addTheme", nameNl: "Ondernemen", nameEn: "", nameFr: "Entreprendre", letter: "B", pictogram: "house", sortOrder: "7" },
      { Cookie: admin },
    );
    expect(bad.status).toBe(400);
    const html = await text(bad);
    expect(html).toContain("Vul de naam in het Engels in.");
    expect(html).toContain('value="Ondernemen"');
    const taken = await server.post(
      "/werk/beheer/loketten",
      { _intent: "addTheme", nameNl: "Ondernemen", nameEn: "Business", nameFr: "Entreprendre", letter: "b", pictogram: "house", sortOrder: "7" },
      { Cookie: admin },
    );
    expect(taken.status).toBe(409);
    expect(await text(taken)).toContain("Een ander themaloket gebruikt die letter al.");
    const ok = await server.post(
      "/werk/beheer/loketten",
      { _intent: "addTheme", nameNl: "Ondernemen", nameEn: "Business", nameFr: "Entreprendre", letter: "o", pictogram: "house", sortOrder: "7" },
      { Cookie: admin },
    );
    expect(ok.status).toBe(302);
    const list = await text(await server.get("/werk/beheer/loketten?opgeslagen=thema", { Cookie: admin }));
    expect(list).toContain("Het themaloket is bewaard.");
    expect(list).toContain('href="/werk/beheer/loketten/ondernemen/agenda"');
  });
});
