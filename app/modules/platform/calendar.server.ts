import { createEvents, type EventAttributes } from "ics";
import { env } from "~/utils/env.server";

/**
 * Calendar files (.ics, RFC 5545) for the portal's mails, in the iTIP way (RFC 5546) so a
 * calendar updates the event it already has: every change keeps the event's UID and raises
 * its SEQUENCE; a move is a new REQUEST, a cancellation a CANCEL. The sequence is stored with
 * the appointment or pass (calendar_uid, calendar_sequence).
 */
export const CALENDAR_PRODID = "-//Stad Mechelen//Digitaal Huis van de Mechelaar//NL";

export type CalendarMethod = "REQUEST" | "CANCEL";

export type CalendarEvent = {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  title: string;
  description?: string;
  location?: string;
  url?: string;
  attendee: { name: string; email: string };
};

/** The portal's sender as the events' organiser (RFC 5546 requires one for REQUEST and CANCEL). */
function organizer() {
  const from = env().MAIL_FROM;
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1].replace(/^"|"$/g, "") || undefined, email: match[2] } : { email: from.trim() };
}

const utc = (d: Date) => d.getTime();

/** One calendar with the events (several when a visitor had several occurrences), as text. */
export function calendarText(method: CalendarMethod, events: CalendarEvent[]): string {
  const attrs: EventAttributes[] = events.map((e) => ({
    uid: e.uid,
    sequence: e.sequence,
    start: utc(e.start),
    startInputType: "utc",
    startOutputType: "utc",
    end: utc(e.end),
    endInputType: "utc",
    endOutputType: "utc",
    title: e.title,
    description: e.description,
    location: e.location,
    url: e.url,
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    organizer: organizer(),
    attendees: [{ name: e.attendee.name || undefined, email: e.attendee.email, rsvp: false, role: "REQ-PARTICIPANT", partstat: "ACCEPTED" }],
  }));
  const { value, error } = createEvents(attrs, { productId: CALENDAR_PRODID, method });
  if (error || !value) throw error ?? new Error("calendar file could not be made");
  return value;
}

/** The calendar as a mail attachment, with the method in its content type as iTIP asks. */
export function calendarAttachment(filename: string, method: CalendarMethod, events: CalendarEvent[]) {
  return {
    filename,
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    contentBase64: Buffer.from(calendarText(method, events), "utf8").toString("base64"),
  };
}
