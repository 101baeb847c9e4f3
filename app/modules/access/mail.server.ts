import QRCode from "qrcode";
import type { OutgoingMail } from "~/modules/notify/outbox.server";
import { calendarAttachment, type CalendarEvent } from "~/modules/platform/calendar.server";
import { env } from "~/utils/env.server";
import { fixedT } from "~/utils/i18next.server";
import { formatWindow } from "./time";

export type PassMailInput = {
  passId: string;
  viewKey: string;
  token: string;
  visitorName: string;
  visitorEmail: string;
  language: string;
  hostName: string;
  buildingName: string;
  address: string | null;
  openingHours?: string | null;
  accessibility?: string | null;
  /** Grouped for reading out, e.g. "K7M2-9QXH-3". */
  shortCode?: string | null;
  purpose: string;
  validFrom: Date;
  validUntil: Date;
  /** The calendar event's UID and SEQUENCE (raised on every change; kept across a re-issue). */
  calendarUid: string;
  calendarSequence: number;
};

/** The calendar UID of a pass; older rows without one keep the UID their first mail had. */
export const passCalendarUid = (p: { id: string; calendarUid: string | null }) => p.calendarUid ?? `${p.id}@mechelaar`;

export const passUrl = (passId: string, viewKey: string) => `${env().PUBLIC_URL}/pas/${passId}/${viewKey}`;

/** The QR as PNG bytes; error correction M, as the token's size budget assumes. */
export const qrPng = (token: string) => QRCode.toBuffer(token, { errorCorrectionLevel: "M", margin: 4, scale: 8, type: "png" });

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function passEvent(
  p: { calendarUid: string; calendarSequence: number; validFrom: Date; validUntil: Date; visitorName: string; visitorEmail: string },
  title: string,
  location: string,
  description?: string,
  url?: string,
): CalendarEvent {
  return {
    uid: p.calendarUid,
    sequence: p.calendarSequence,
    start: p.validFrom,
    end: p.validUntil,
    title,
    description,
    location,
    url,
    attendee: { name: p.visitorName, email: p.visitorEmail },
  };
}

/** The building's stated facts, each only when the city has stated it. */
function buildingLines(p: PassMailInput, t: (key: string, vars?: Record<string, string>) => string): string[] {
  return [
    p.openingHours ? t("mail.openingHoursLine", { hours: p.openingHours }) : undefined,
    p.accessibility ? t("mail.accessibilityLine", { accessibility: p.accessibility }) : undefined,
  ].filter((l): l is string => Boolean(l));
}

/** The invitation mail: QR inline (CID), link to the full-screen page, building and an .ics file. */
export async function passMail(p: PassMailInput, kind: "invitation" | "changed"): Promise<OutgoingMail> {
  const t = fixedT(p.language, "access");
  const when = formatWindow(p.validFrom, p.validUntil, p.language);
  const location = p.address ? `${p.buildingName}, ${p.address}` : p.buildingName;
  const addressLine = p.address ?? t("mail.noAddress");
  const vars = { name: p.visitorName, host: p.hostName, building: p.buildingName, when, purpose: p.purpose, url: passUrl(p.passId, p.viewKey), address: addressLine };
  const png = await qrPng(p.token);
  const facts = buildingLines(p, t);
  const codeLine = p.shortCode ? t("mail.shortCode", { code: p.shortCode }) : undefined;
  const ics = calendarAttachment("bezoek.ics", "REQUEST", [
    passEvent(p, t("mail.icsTitle", vars), location, [p.purpose, ...facts, ...(codeLine ? [codeLine] : [])].join("\n"), passUrl(p.passId, p.viewKey)),
  ]);
  const intro = t(`mail.${kind}.intro`, vars);
  const html = `<!doctype html><html lang="${p.language}"><body style="font-family:sans-serif;font-size:16px;line-height:1.5">
<p>${escapeHtml(t("mail.greeting", vars))}</p>
<p>${escapeHtml(intro)}</p>
<ul><li>${escapeHtml(t("mail.when", vars))}</li><li>${escapeHtml(t("mail.where", vars))}</li><li>${escapeHtml(t("mail.addressLine", vars))}</li>${facts.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}<li>${escapeHtml(t("mail.purpose", vars))}</li></ul>
<p>${escapeHtml(t("mail.showCode"))}</p>
<p><img src="cid:pass-qr" width="296" height="296" alt="${escapeHtml(t("mail.qrAlt"))}"></p>
${codeLine ? `<p>${escapeHtml(codeLine)}</p>` : ""}
<p><a href="${escapeHtml(vars.url)}">${escapeHtml(t("mail.openPage"))}</a></p>
<p>${escapeHtml(t("mail.signature"))}</p></body></html>`;
  const text = [
    t("mail.greeting", vars),
    "",
    intro,
    "",
    t("mail.when", vars),
    t("mail.where", vars),
    t("mail.addressLine", vars),
    ...facts,
    t("mail.purpose", vars),
    "",
    t("mail.showCode"),
    vars.url,
    ...(codeLine ? ["", codeLine] : []),
    "",
    t("mail.signature"),
  ].join("\n");
  return {
    to: p.visitorEmail,
    subject: t(`mail.${kind}.subject`, vars),
    text,
    html,
    template: `access.${kind}`,
    language: p.language,
    attachments: [{ filename: "toegang-qr.png", contentType: "image/png", contentBase64: png.toString("base64"), cid: "pass-qr" }, ics],
  };
}

/** Told when the host cancels, with a calendar CANCEL for each of the visitor's events. */
export function revokedMail(p: {
  visitorName: string;
  visitorEmail: string;
  language: string;
  hostName: string;
  buildingName: string;
  address: string | null;
  validFrom: Date;
  validUntil: Date;
  events: { calendarUid: string; calendarSequence: number; validFrom: Date; validUntil: Date }[];
}): OutgoingMail {
  const t = fixedT(p.language, "access");
  const vars = { name: p.visitorName, host: p.hostName, building: p.buildingName, when: formatWindow(p.validFrom, p.validUntil, p.language) };
  const location = p.address ? `${p.buildingName}, ${p.address}` : p.buildingName;
  const title = t("mail.icsTitle", vars);
  const events = p.events.map((e) => passEvent({ ...e, visitorName: p.visitorName, visitorEmail: p.visitorEmail }, title, location));
  return {
    to: p.visitorEmail,
    subject: t("mail.revoked.subject", vars),
    text: t("mail.revoked.body", vars),
    template: "access.revoked",
    language: p.language,
    attachments: events.length ? [calendarAttachment("bezoek.ics", "CANCEL", events)] : [],
  };
}
