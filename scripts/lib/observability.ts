import type { Env } from "../../app/utils/env.server";
import { configureLogger, logger } from "../../app/modules/platform/logger.server";
import { flushErrorReporting, startErrorReporting } from "../../app/modules/platform/error-reporting.server";

/**
 * Logs (LOG_LEVEL, LOG_FORMAT) and error reporting (SENTRY_DSN) for this process; call first.
 * Readable lines outside production unless LOG_FORMAT=json; JSON lines in production.
 */
export async function startLogging(env: Env) {
  const format = env.LOG_FORMAT ?? (env.NODE_ENV === "production" ? "json" : "pretty");
  await configureLogger({ level: env.LOG_LEVEL, pretty: format === "pretty", bufferBytes: env.LOG_BUFFER_BYTES });
  if (env.SENTRY_DSN) startErrorReporting({ dsn: env.SENTRY_DSN, environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV, release: process.env.npm_package_version });
  return logger();
}

/** What is still buffered goes out before the process exits. */
export async function flushLogging() {
  await flushErrorReporting();
  logger().flush();
}

/**
 * The /metrics endpoint of the process that prepared the database (the primary), with the
 * gauges read from PostgreSQL; off when METRICS_PORT=0.
 */
export async function startMetrics(env: Env) {
  if (env.METRICS_PORT === 0) return undefined;
  const { databaseRegistry, startMetricsServer } = await import("../../app/server/metrics");
  const { pgClient } = await import("../../app/utils/db.server");
  const clustered = env.WEB_CONCURRENCY > 1;
  const database = databaseRegistry(() => pgClient(), { poolSize: env.DB_POOL_SIZE, processes: env.WEB_CONCURRENCY + (clustered ? 1 : 0) });
  const server = await startMetricsServer({ port: env.METRICS_PORT, host: env.METRICS_HOST, clustered, database });
  if (server) logger().info(`Metrics: http://${env.METRICS_HOST}:${server.port}/metrics`);
  return server;
}
