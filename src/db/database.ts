import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import path from 'node:path';
import { projectRoot } from '../config.ts';

export type Db = Knex;

// DATE columns are calendar dates (deadlines end at 24:00 Asia/Shanghai): keep them as
// 'YYYY-MM-DD' strings instead of letting pg turn them into JS Dates in the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
// bigint (ids, counts) as string: a BIGINT may exceed 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => v);

export const migrationsDirectory = path.join(projectRoot, 'migrations');

export function createDb(databaseUrl: string, pool = { min: 0, max: 10 }): Db {
  return knexFactory({ client: 'pg', connection: databaseUrl, pool });
}

/** The database name and a URL to the server's maintenance database. */
function splitUrl(databaseUrl: string): { name: string; adminUrl: string } {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`数据库名只能包含字母、数字和下划线: "${name}"`);
  url.pathname = '/postgres';
  return { name, adminUrl: url.toString() };
}

async function withAdminClient<T>(databaseUrl: string, fn: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const { name, adminUrl } = splitUrl(databaseUrl);
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    const host = new URL(databaseUrl).host;
    throw new Error(
      `PostgreSQL at ${host} is not reachable (${(error as Error).message}). Start it with ` +
        `"pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start" or set DATABASE_URL.`,
    );
  }
  try {
    return await fn(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL when it does not exist. Returns true when it was created. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  return withAdminClient(databaseUrl, async (client, name) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
    return true;
  });
}

/** Drops and re-creates the database (tests only). */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  await withAdminClient(databaseUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
  });
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  await withAdminClient(databaseUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({
    directory: migrationsDirectory,
    loadExtensions: ['.ts'],
  })) as [number, string[]];
  return applied;
}

/** Migrations under migrations/ not yet applied (production entry points refuse to run with any). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const [, pending] = (await db.migrate.list({ directory: migrationsDirectory, loadExtensions: ['.ts'] })) as [unknown[], { file: string }[]];
  return pending.map((m) => m.file);
}

/** Resolves when the database answers a trivial query (health checks). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.raw('select 1');
}
