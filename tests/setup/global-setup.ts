import type { TestProject } from "vitest/node";
import { acquireTestServer, createTemplate, dropDatabase } from "./test-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

/** Starts (or finds) the test server once and makes the migrated template. */
export default async function setup(project: TestProject) {
  const server = await acquireTestServer();
  const template = await createTemplate(server.adminUrl);
  console.log(`[tests] PostgreSQL: ${server.kind}, template ${template}`);
  project.provide("pgAdminUrl", server.adminUrl);
  project.provide("pgTemplate", template);
  return async () => {
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  };
}
