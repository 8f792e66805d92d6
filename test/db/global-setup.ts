import type { TestProject } from 'vitest/node';
import { freshLedgerDatabase } from '../helpers/fresh-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const { url, drop } = await freshLedgerDatabase('yingsu_test_db');
  project.provide('databaseUrl', url);
  return drop;
}
