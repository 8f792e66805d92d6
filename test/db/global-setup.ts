import type { TestProject } from 'vitest/node';
import { freshLedgerDatabase } from '../helpers/fresh-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  project.provide('databaseUrl', await freshLedgerDatabase('yingsu_test_db'));
}
