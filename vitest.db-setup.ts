import type { TestProject } from 'vitest/node';
import { createTemplateDatabase, dropDatabase, openTestServer } from './scripts/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    testServerUrl: string;
    templateDatabase: string;
  }
}

/** Once per run: a migrated template database that each test file copies. */
export default async function setup(project: TestProject) {
  const server = await openTestServer();
  const template = await createTemplateDatabase(server.url);
  project.provide('testServerUrl', server.url);
  project.provide('templateDatabase', template);
  return async () => {
    await dropDatabase(server.url, template);
    await server.stop();
  };
}
