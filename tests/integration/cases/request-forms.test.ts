import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { caseDrafts, caseFiles, cases } from "../../../db/schema";
import type { FieldDef } from "../../../app/modules/cases/definitions";
import { inputFor, schemaForFields } from "../../../app/modules/cases/form-schema";
import { discardDraft, listMyDrafts, loadRequestCheck, loadRequestStep, saveRequestStep, submitRequest } from "../../../app/modules/cases/requests.server";
import { getMyFile } from "../../../app/modules/cases/dossiers.server";
import type { Upload } from "../../../app/modules/cases/uploads.server";
import { db } from "../../../app/utils/db.server";
import { runSeeds } from "../../../seeds/run";
import { asActor, validPost } from "../../factories/cases";
import { ensureResident } from "../../factories/identity";

beforeAll(async () => {
  await runSeeds(db, { demo: false, production: false });
});

const T = { nl: "x", en: "x", fr: "x" };
const field = (f: Partial<FieldDef> & Pick<FieldDef, "name" | "type">): FieldDef => ({ label: T, required: true, ...f }) as FieldDef;
const errorsOf = (fields: FieldDef[], post: Record<string, unknown>) => {
  const r = schemaForFields(fields).safeParse(inputFor(fields, post));
  const out: Record<string, string> = {};
  // Like the form: the first problem of each field is the one shown.
  if (!r.success) for (const i of r.error.issues) out[String(i.path[0])] ??= i.message;
  return out;
};

describe("validation derived from a form definition", () => {
  it("checks every field type and says what is wrong", () => {
    const fields = [
      field({ name: "title", type: "text", maxLength: 10 }),
      field({ name: "story", type: "longtext" }),
      field({ name: "count", type: "number", min: 1, max: 5 }),
      field({ name: "day", type: "date", dateRange: "future" }),
      field({ name: "seen", type: "date", dateRange: "past" }),
      field({ name: "kind", type: "choice", options: [{ value: "a", label: T }] }),
      field({
        name: "topics",
        type: "multichoice",
        options: [
          { value: "a", label: T },
          { value: "b", label: T },
        ],
      }),
      field({ name: "address", type: "address" }),
      field({ name: "mail", type: "email" }),
      field({ name: "tel", type: "phone" }),
      field({ name: "ok", type: "consent" }),
      field({ name: "doc", type: "file" }),
    ];
    expect(errorsOf(fields, {})).toEqual({
      title: "cases:errors.required",
      story: "cases:errors.required",
      count: "cases:errors.required",
      day: "cases:errors.required",
      seen: "cases:errors.required",
      kind: "cases:errors.choice",
      topics: "cases:errors.multichoice",
      address: "cases:errors.address",
      mail: "cases:errors.required",
      tel: "cases:errors.required",
      ok: "cases:errors.consent",
      doc: "cases:errors.fileRequired",
    });
    expect(
      errorsOf(fields, {
        title: "Veel te lange titel",
        story: "   ",
        count: "2.5",
        day: "2026-02-30",
        seen: "2999-01-01",
        kind: "zz",
        topics: ["a", "evil"],
        "address.street": "Grote Markt",
        "address.number": "21",
        "address.postcode": "1000",
        mail: "niet-een-adres",
        tel: "bel me",
        ok: "no",
      }),
    ).toMatchObject({
      title: "cases:errors.tooLong",
      story: "cases:errors.required",
      count: "cases:errors.number",
      day: "cases:errors.date",
      seen: "cases:errors.datePast",
      kind: "cases:errors.choice",
      topics: "cases:errors.choice",
      address: "cases:errors.postcode",
      mail: "cases:errors.email",
      tel: "cases:errors.phone",
      ok: "cases:errors.consent",
    });
    expect(errorsOf(fields, { count: "9", day: "2020-01-01", seen: "31/12/2025" })).toMatchObject({
      count: "cases:errors.numberRange",
      day: "cases:errors.dateFuture",
      seen: "cases:errors.date",
    });
    const good = { ...validPost(fields), doc: undefined };
    expect(errorsOf(fields, good)).toEqual({ doc: "cases:errors.fileRequired" });
    expect(
      errorsOf(
        fields.filter((f) => f.type !== "file"),
        good,
      ),
    ).toEqual({});
  });

  it("accepts optional fields left empty", () => {
    const fields = [
      field({ name: "n", type: "number", required: false }),
      field({ name: "d", type: "date", required: false }),
      field({ name: "a", type: "address", required: false }),
      field({ name: "e", type: "email", required: false }),
    ];
    expect(errorsOf(fields, { n: "", d: "", e: "" })).toEqual({});
    const r = schemaForFields(fields).parse(inputFor(fields, { n: "", d: "" }));
    expect(r).toEqual({ n: null, d: null, a: null, e: null });
  });
});

const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
const upload = (field: string, filename: string, bytes: Buffer, contentType?: string, problem?: Upload["problem"]): Upload => ({ field, filename, bytes, contentType, problem });

describe("filing a request in steps", () => {
  it("keeps a draft per step, resumes it, refuses skipped steps and submits once", async () => {
    const resident = await asActor((await ensureResident(db, { email: "steps@example.com" })).id);
    const start = await loadRequestStep(resident, "evenement-aanvragen", 2);
    expect(start.step).toBe(0); // cannot jump ahead
    const steps = start.def.form.steps;
    expect(steps.length).toBe(3);

    const bad = await saveRequestStep(resident, "evenement-aanvragen", 0, { ...validPost(steps[0].fields), visitors: "veel" }, []);
    expect(bad).toMatchObject({ ok: false, errors: { visitors: "cases:errors.number" }, values: { eventName: "Voorbeeld", visitors: "veel" } });

    // "Save and continue later" keeps what is valid, without finishing the step.
    await saveRequestStep(resident, "evenement-aanvragen", 0, { eventName: "Buurtfeest", visitors: "veel" }, [], "draft");
    const resumed = await loadRequestStep(resident, "evenement-aanvragen", 0);
    expect(resumed.values).toEqual({ eventName: "Buurtfeest" });
    expect(resumed.stepsDone).toBe(0);
    expect(await listMyDrafts(resident)).toMatchObject([{ slug: "evenement-aanvragen", href: "/aanvragen/evenement-aanvragen?stap=1" }]);

    expect(await saveRequestStep(resident, "evenement-aanvragen", 0, validPost(steps[0].fields), [])).toEqual({ ok: true, next: "step", step: 1 });
    await expect(saveRequestStep(resident, "evenement-aanvragen", 2, validPost(steps[2].fields), [])).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await saveRequestStep(resident, "evenement-aanvragen", 1, validPost(steps[1].fields), [])).toMatchObject({ ok: true, step: 2 });
    expect((await loadRequestCheck(resident, "evenement-aanvragen")).ready).toBe(false);
    const withFile = await saveRequestStep(resident, "evenement-aanvragen", 2, validPost(steps[2].fields), [upload("plan", "plan.pdf", pdf, "application/pdf")]);
    expect(withFile).toMatchObject({ ok: true, next: "check" });

    const check = await loadRequestCheck(resident, "evenement-aanvragen");
    expect(check.ready && check.answers).toMatchObject({
      eventName: "Voorbeeld",
      location: { street: "Grote Markt", number: "21", postcode: "2800" },
      plan: { filename: "plan.pdf", contentType: "application/pdf" },
    });

    const key = "key-0123456789";
    const [first, again] = await Promise.all([submitRequest(resident, "evenement-aanvragen", key), submitRequest(resident, "evenement-aanvragen", key)]);
    expect(first.reference).toBe(again.reference);
    expect(await db.select().from(caseDrafts).where(eq(caseDrafts.residentId, resident.id))).toEqual([]);
    const [c] = await db.select().from(cases).where(eq(cases.reference, first.reference));
    const files = await db.select().from(caseFiles).where(eq(caseFiles.caseId, c.id));
    expect(files.map((f) => f.filename)).toEqual(["plan.pdf"]);
    expect((await getMyFile(resident, files[0].id)).bytes.equals(pdf)).toBe(true);
    // With the draft gone, a new key cannot submit the same request again.
    await expect(submitRequest(resident, "evenement-aanvragen", "another-key-123")).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("checks files by content and size, not by name, and keeps the other answers", async () => {
    const resident = await asActor((await ensureResident(db, { email: "files@example.com" })).id);
    const fields = (await loadRequestStep(resident, "toegankelijkheid-melden", 0)).def.form.steps[0].fields;
    const post = validPost(fields);
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), Buffer.alloc(200)]);
    const { fileTypeFromBuffer } = await import("file-type");
    const asUpload = async (name: string, bytes: Buffer) => ({
      field: "photo",
      filename: name,
      bytes,
      contentType: (await fileTypeFromBuffer(bytes))?.mime,
      problem: ["application/pdf", "image/png", "image/jpeg"].includes((await fileTypeFromBuffer(bytes))?.mime ?? "") ? undefined : ("type" as const),
    });

    const renamedExe = await saveRequestStep(resident, "toegankelijkheid-melden", 0, post, [await asUpload("foto.pdf", exe)]);
    expect(renamedExe).toMatchObject({ ok: false, errors: { photo: "cases:errors.fileType" }, values: { where: "Voorbeeld" } });
    const tooLarge = await saveRequestStep(resident, "toegankelijkheid-melden", 0, post, [{ field: "photo", filename: "groot.jpg", problem: "tooLarge" }]);
    expect(tooLarge).toMatchObject({ ok: false, errors: { photo: "cases:errors.fileTooLarge" } });

    // A real PDF named .exe is a PDF: accepted and stored under a .pdf name.
    const renamedPdf = await saveRequestStep(resident, "toegankelijkheid-melden", 0, post, [await asUpload("rapport.exe", pdf)]);
    expect(renamedPdf).toMatchObject({ ok: true, next: "check" });
    const check = await loadRequestCheck(resident, "toegankelijkheid-melden");
    expect(check.ready && check.answers.photo).toMatchObject({ filename: "rapport.pdf", contentType: "application/pdf" });

    await discardDraft(resident, "toegankelijkheid-melden");
    expect((await loadRequestCheck(resident, "toegankelijkheid-melden")).ready).toBe(false);
    expect(await db.select().from(caseFiles).where(eq(caseFiles.ownerId, resident.id))).toEqual([]);
  });
});
