// Checks shared by `npm start` and `npm test`, each failing with one sentence that names the fix.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { ensureDatabase } from '../src/db/database.ts';

export function assertSupportedNode(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    throw new Error(
      `Node ${process.versions.node} is too old (22 or newer needed): run the project through npm ("npm start", "npm test"), which uses the Node that "npm install" put in node_modules/.bin.`,
    );
  }
}

/** Creates the database when missing; starts the machine's own PostgreSQL cluster when it is down. */
export async function preparePostgres(databaseUrl: string, log: (line: string) => void): Promise<void> {
  try {
    if (await ensureDatabase(databaseUrl)) log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
    return;
  } catch (error) {
    const host = new URL(databaseUrl).hostname;
    const local = host === '127.0.0.1' || host === 'localhost';
    const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
    if (!local || versions.length !== 1 || process.getuid?.() !== 0) throw error;
    log(`PostgreSQL is not answering; starting the local cluster ${versions[0]}/main ...`);
    try {
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0]!, 'main', 'start'], { stdio: 'ignore' });
    } catch {
      throw error;
    }
    await new Promise((r) => setTimeout(r, 1500));
    if (await ensureDatabase(databaseUrl)) log(`created database ${new URL(databaseUrl).pathname.slice(1)}`);
  }
}
