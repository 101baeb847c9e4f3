import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { outbox, passes, scans } from "../../../db/schema";
import {
  checkOutAtDesk,
  createInvitation,
  eraseVisitorData,
  getInvitation,
  listBuildings,
  passForVisitor,
  presenceList,
  rescheduleInvitation,
  revokeInvitation,
} from "../../../app/modules/access/invitations.server";
import { scanAtKiosk } from "../../../app/modules/access/scan.server";
import { loadCurrentUser } from "../../../app/modules/identity/users.server";
import { DomainError } from "../../../app/modules/platform/errors";
import { db } from "../../../app/utils/db.server";
import { buildingBySlug, makeKiosk } from "../../factories/access";
import { ensureStaff } from "../../factories/identity";

beforeAll(async () => {
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync("node_modules/zxing-wasm/dist/reader/zxing_reader.wasm").buffer as ArrayBuffer }, fireImmediately: true });
});

async function actor(email: string, roles: ("host" | "admin" | "frontoffice")[]) {
  const u = await ensureStaff(db, { name: email.split("@")[0], email, roles });
  return (await loadCurrentUser(u.id))!;
}

/** Reads the QR code from the PNG attached to the newest mail to `to`, as a phone camera would. */
async function qrFromMail(to: string) {
  const [mail] = await db
    .select()
    .from(outbox)
    .where(eq(outbox.toAddress, to))
    .orderBy(sql`${outbox.createdAt} desc`)
    .limit(1);
  const png = mail.attachments.find((a) => a.cid === "pass-qr")!;
  const [code] = await readBarcodes(new Uint8Array(Buffer.from(png.contentBase64, "base64")), { formats: ["QRCode"] });
  return { mail, token: code.text };
}

const nextWeek = () => new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 10);
const today = () => new Date(Date.now()).toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });

describe("invitations", () => {
  it("mails each visitor in their language with the QR inline, a link and an .ics file; weekly repeats make one pass each", async () => {
    const host = await actor("ines.host@example.com", ["host"]);
    const zeeridder = await buildingBySlug(db, "zeeridder");
    const id = await createInvitation(host, {
      visitors: [
        { name: "Ann Claes", email: "ann@example.com", organisation: "", language: "nl" },
        { name: "Pierre Leroy", email: "pierre@example.com", organisation: "ACME", language: "fr" },
      ],
      buildingId: zeeridder.id,
      purpose: "Werkgroep",
      entries: "single",
      repeatWeeks: 4,
      date: nextWeek(),
      from: "09:00",
      until: "11:00",
    });
    const detail = await getInvitation(host, id);
    expect(detail.passes).toHaveLength(8);
    const pierre = await db.select().from(outbox).where(eq(outbox.toAddress, "pierre@example.com"));
    expect(pierre).toHaveLength(4);
    expect(pierre[0].language).toBe("fr");
    expect(pierre[0].subject).toBe("Votre accès à De Zeeridder");
    expect(pierre[0].text).toContain("Demandez l'adresse à la personne qui vous reçoit.");
    expect(pierre[0].html).toContain('src="cid:pass-qr"');
    const ics = pierre[0].attachments.find((a) => a.filename.endsWith(".ics"))!;
    expect(Buffer.from(ics.contentBase64, "base64").toString()).toContain("BEGIN:VEVENT");
    const { mail, token } = await qrFromMail("ann@example.com");
    expect(token.startsWith("MCH:")).toBe(true);
    const link = mail.text.match(/\/pas\/([0-9a-f-]{36})\/([A-Za-z0-9_-]+)/)!;
    const page = await passForVisitor(link[1], link[2]);
    expect(page).toMatchObject({ buildingName: "De Zeeridder", address: null, revoked: false });
    expect(page!.qrDataUri).toMatch(/^data:image\/png;base64,/);
    expect(await passForVisitor(link[1], "wrong-key")).toBeUndefined();
  });

  it("opens the door with the code decoded from the mail's image; rescheduling makes the old code stop working", async () => {
    const host = await actor("jan.host@example.com", ["host"]);
    const kiosk = await makeKiosk(db, { buildingSlug: "huis-van-de-mechelaar" });
    const building = await buildingBySlug(db, "huis-van-de-mechelaar");
    const id = await createInvitation(host, {
      visitors: [{ name: "Lotte", email: "lotte@example.com", organisation: "", language: "nl" }],
      buildingId: building.id,
      purpose: "Sollicitatie",
      entries: "multiple",
      repeatWeeks: 1,
      date: today(),
      from: "00:00",
      until: "23:59",
    });
    const first = await qrFromMail("lotte@example.com");
    expect(await scanAtKiosk(kiosk.id, first.token)).toMatchObject({ outcome: "welcome", hostName: "jan.host" });

    await rescheduleInvitation(host, id, { date: today(), from: "00:00", until: "23:58" });
    const second = await qrFromMail("lotte@example.com");
    expect(second.mail.template).toBe("access.changed");
    expect(second.token).not.toBe(first.token);
    expect((await scanAtKiosk(kiosk.id, first.token)).outcome).toBe("revoked");
    expect((await scanAtKiosk(kiosk.id, second.token)).outcome).toBe("welcome");

    await revokeInvitation(host, id);
    expect((await scanAtKiosk(kiosk.id, second.token)).outcome).toBe("revoked");
    const [told] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.toAddress, "lotte@example.com"), eq(outbox.template, "access.revoked")));
    expect(told.subject).toContain("gaat niet door");
  });

  it("keeps hosts to their own invitations, and lets only hosts invite", async () => {
    const host = await actor("a.host@example.com", ["host"]);
    const otherHost = await actor("b.host@example.com", ["host"]);
    const clerk = await actor("clerk@example.com", ["frontoffice"]);
    const [b] = await listBuildings();
    const input = {
      visitors: [{ name: "X", email: "x@example.com", organisation: "", language: "nl" as const }],
      buildingId: b.id,
      purpose: "P",
      entries: "single" as const,
      repeatWeeks: 1,
      date: nextWeek(),
      from: "10:00",
      until: "11:00",
    };
    const id = await createInvitation(host, input);
    await expect(getInvitation(otherHost, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeInvitation(otherHost, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createInvitation(clerk, input)).rejects.toBeInstanceOf(DomainError);
  });

  it("shows who is inside on the presence list, with the host", async () => {
    const host = await actor("p.host@example.com", ["host"]);
    const admin = await actor("p.admin@example.com", ["admin"]);
    const kiosk = await makeKiosk(db, { buildingSlug: "bibliotheek" });
    const building = await buildingBySlug(db, "bibliotheek");
    await createInvitation(host, {
      visitors: [{ name: "Sam Inside", email: "sam@example.com", organisation: "Vzw", language: "en" }],
      buildingId: building.id,
      purpose: "Lezing",
      entries: "single",
      repeatWeeks: 1,
      date: today(),
      from: "00:00",
      until: "23:59",
    });
    await scanAtKiosk(kiosk.id, (await qrFromMail("sam@example.com")).token);
    const list = await presenceList(admin, building.id);
    expect(list.people.map((p) => [p.visitorName, p.visitorOrganisation, p.hostName])).toEqual([["Sam Inside", "Vzw", "p.host"]]);
    await expect(presenceList(host, building.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Check-out at the desk empties the list and is logged as a scan by that member of staff.
    await checkOutAtDesk(admin, list.people[0].passId);
    expect((await presenceList(admin, building.id)).people).toHaveLength(0);
    const [out] = await db
      .select()
      .from(scans)
      .where(and(eq(scans.passId, list.people[0].passId), eq(scans.direction, "out")));
    expect(out).toMatchObject({ outcome: "goodbye", byUserId: admin.id });
  });
});

describe("retention", () => {
  it("erases visitors' personal data some days after the visit and keeps the scan counts", async () => {
    const host = await actor("r.host@example.com", ["host"]);
    const kiosk = await makeKiosk(db, { buildingSlug: "schepenhuis" });
    const building = await buildingBySlug(db, "schepenhuis");
    const id = await createInvitation(host, {
      visitors: [{ name: "Old Visitor", email: "old@example.com", organisation: "Org", language: "nl" }],
      buildingId: building.id,
      purpose: "Vergadering",
      entries: "single",
      repeatWeeks: 1,
      date: today(),
      from: "00:00",
      until: "23:59",
    });
    await scanAtKiosk(kiosk.id, (await qrFromMail("old@example.com")).token);
    await db.execute(sql`update outbox set status = 'sent'`);
    // The visit was 31 days ago.
    await db.execute(sql`update access_passes set valid_from = valid_from - interval '31 days', valid_until = valid_until - interval '31 days' where invitation_id = ${id}`);
    await db.execute(sql`update outbox set created_at = created_at - interval '31 days' where template = 'access.arrival'`);
    const recent = await createInvitation(host, {
      visitors: [{ name: "New Visitor", email: "new@example.com", organisation: "", language: "nl" }],
      buildingId: building.id,
      purpose: "Later",
      entries: "single",
      repeatWeeks: 1,
      date: nextWeek(),
      from: "10:00",
      until: "11:00",
    });

    expect(await eraseVisitorData(30)).toEqual({ passes: 1, walkIns: 0 });
    const [old] = await db.select().from(passes).where(eq(passes.invitationId, id));
    expect(old).toMatchObject({ visitorName: null, visitorEmail: null, visitorOrganisation: null, token: null, inside: false });
    expect(old.anonymisedAt).not.toBeNull();
    expect(await db.select().from(scans).where(eq(scans.passId, old.id))).toHaveLength(1);
    const leftovers = await db
      .select()
      .from(outbox)
      .where(sql`${outbox.text} like '%Old Visitor%' or ${outbox.toAddress} = 'old@example.com'`);
    expect(leftovers).toHaveLength(0);
    const [kept] = await db.select().from(passes).where(eq(passes.invitationId, recent));
    expect(kept.visitorName).toBe("New Visitor");
  });
});
