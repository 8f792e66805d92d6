// npm run ledger:generate -- --cases 10000 [--seed 1] [--from 2022] [--to 2026] [--as-of 2026-12-01]
// Writes a seeded-random province ledger (src/statistics/ledger-generator.ts) into DATABASE_URL, for
// trying the statistics on realistic data. Its agencies and cases are added beside what is there
// (codes and case numbers carry the label g<seed>); running the same seed twice is refused.
import { parseArgs } from 'node:util';
import { runMain, say } from '../src/cli.ts';
import { loadConfig } from '../src/config.ts';
import { createDb, ensureDatabase, migrateLatest } from '../src/db/database.ts';
import { shanghaiDateOf } from '../src/deadlines/dates.ts';
import { generateLedger, insertGeneratedLedger } from '../src/statistics/ledger-generator.ts';

runMain('ledger:generate', async () => {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, from: { type: 'string' }, to: { type: 'string' }, 'as-of': { type: 'string' } } });
  const asOf = values['as-of'] ?? shanghaiDateOf(new Date());
  const int = (name: string, text: string | undefined, min: number, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} 应为 ${min}–${max} 的整数 / --${name} must be an integer ${min}–${max}`);
    return n;
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error('--as-of 应为 YYYY-MM-DD');
  const toYear = int('to', values.to ?? asOf.slice(0, 4), 2015, 2099);
  const options = { seed: int('seed', values.seed, 0, 2 ** 31), cases: int('cases', values.cases, 1, 2_000_000), fromYear: int('from', values.from ?? String(toYear - 4), 2015, toYear), toYear, asOf };
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  try {
    await migrateLatest(db);
    if (await db('agencies').where('code', 'like', `g${options.seed}-%`).first('id')) throw new Error(`seed ${options.seed} 的台账已生成过 / a ledger of seed ${options.seed} is already there`);
    const started = Date.now();
    const ledger = generateLedger(options);
    say('ledger:generate', `generated ${options.cases} cases (${options.fromYear}–${options.toYear}, as of ${asOf}) in ${Date.now() - started} ms; writing`);
    await insertGeneratedLedger(db, ledger, (table, rows) => say('ledger:generate', `${table}: ${rows} rows`));
    say('ledger:generate', `done in ${((Date.now() - started) / 1000).toFixed(1)} s; the province is region:${ledger.provinceId}`);
  } finally {
    await db.destroy();
  }
});
