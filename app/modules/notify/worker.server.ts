import { randomUUID } from "node:crypto";
import { logError, runWithRequestContext } from "~/modules/platform/logger.server";
import { pruneRateLimits } from "~/modules/platform/rate-limit.server";
import { pruneExpiredAuth } from "~/modules/identity/sessions.server";
import { sendAppointmentReminders } from "~/modules/counter/appointments.server";
import { deliverDueMail } from "./outbox.server";
import { eraseVisitorData } from "~/modules/access/invitations.server";
import { inviteAfterVisits } from "~/modules/contacts/satisfaction.server";
import { sendDailyOverviews } from "~/modules/cases/daily-overview.server";
import { refreshInsights } from "~/modules/insights/refresh.server";
import { recordWorkerHeartbeat } from "~/modules/platform/readiness.server";

export type Worker = { stop: () => Promise<void> };

/**
 * The background worker: delivers the outbox and does housekeeping. Runs in the web
 * process by default (RUN_WORKER) or alone with `npm run worker`.
 */
export function startWorker({
  intervalMs = 2000,
  log,
  now,
}: {
  intervalMs?: number;
  log?: Pick<Console, "error">;
  /** The outbox's clock (tests simulate hours of SMTP outage with it); real time by default. */
  now?: () => Date;
} = {}): Worker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastHousekeeping = 0;
  let lastMinute = 0;
  let lastInsights = 0;

  const tick = async () => {
    try {
      while (!stopped) {
        const { sent, failed } = await deliverDueMail(20, { now });
        if (sent + failed === 0) break;
      }
      // For /readyz: this worker finished a round of the outbox.
      await recordWorkerHeartbeat();
      if (Date.now() - lastMinute > 60 * 1000) {
        lastMinute = Date.now();
        // Reminders are queued here and delivered by the next outbox round.
        await sendAppointmentReminders();
        await inviteAfterVisits();
        // Once a day (a marker row per day keeps it single across processes).
        await sendDailyOverviews();
      }
      if (Date.now() - lastInsights > 30 * 1000) {
        lastInsights = Date.now();
        // Bounded (about 2 s at most); skipped when another process holds the lock.
        await refreshInsights();
      }
      if (Date.now() - lastHousekeeping > 60 * 60 * 1000) {
        lastHousekeeping = Date.now();
        await pruneRateLimits();
        await pruneExpiredAuth();
        await eraseVisitorData();
      }
    } catch (err) {
      // Logged once, with the round's id (and reported when SENTRY_DSN is set).
      if (log) log.error(`[worker] ${err instanceof Error ? err.message : String(err)}`);
      else logError(err, "worker: a round failed");
    }
  };
  // Each round gets an id, like a request: its log lines and errors carry it.
  const round = () => runWithRequestContext({ requestId: randomUUID(), routeId: "worker" }, tick);
  const timer = setInterval(() => {
    running = running.then(round);
  }, intervalMs);
  running = running.then(round);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
