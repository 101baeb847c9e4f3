/**
 * The portal's own start line. `remix build` (run by `npm start` just before) prints
 * "building... (NODE_ENV=production)": that is the bundle's optimisation mode, not how the portal
 * runs. This line says the mode the portal itself runs in, first and plainly.
 */
export function startLine(input: { mode: "development" | "production" | "test"; url: string; embedded: boolean; demo: boolean; httpProcesses?: number }): string {
  const mode = `${input.mode} mode`;
  const details = [
    input.embedded ? "embedded PostgreSQL" : "PostgreSQL from DATABASE_URL",
    input.demo ? "demo data" : null,
    input.httpProcesses ? `${input.httpProcesses} HTTP processes` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return `Digitaal Huis van de Mechelaar runs in ${mode} (NODE_ENV=${input.mode}): ${input.url} (${details})`;
}
