import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsDirectory } from '../../src/db/database.ts';

// docs/conventions.md, "Migrations"
describe('migration files', () => {
  const files = readdirSync(migrationsDirectory).filter((f) => f.endsWith('.ts'));

  it('are named YYYYMMDD_NNN_what_changes.ts, each name once', () => {
    for (const file of files) expect(file).toMatch(/^\d{8}_\d{3}_[a-z0-9]+(_[a-z0-9]+)*\.ts$/);
    expect(new Set(files.map((f) => f.slice(0, 12))).size).toBe(files.length);
  });

  it('export up and down', async () => {
    for (const file of files) {
      const migration = await import(path.join(migrationsDirectory, file));
      expect(typeof migration.up, file).toBe('function');
      expect(typeof migration.down, file).toBe('function');
    }
  });
});
