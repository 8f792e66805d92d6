// npm run demo:statistics [-- --cases 6000 --seed 7]
// Adds generated cases to the demo region of DATABASE_URL (src/seed/demo-statistics.ts: a generated
// province's national city moved onto 示例市's agencies, about a sixth of --cases, over the last five
// years), so the 统计分析 dashboard of the demo region has realistic figures. Refused when done before.
import { parseArgs } from 'node:util';
import { runMain, say } from '../src/cli.ts';
import { loadConfig } from '../src/config.ts';
import { createDb, ensureDatabase, migrateLatest } from '../src/db/database.ts';
import { shanghaiDateOf } from '../src/deadlines/dates.ts';
import { seedDemoRegion } from '../src/seed/demo-region.ts';
import { demoStatisticsLedger } from '../src/seed/demo-statistics.ts';
import { insertGeneratedLedger } from '../src/statistics/ledger-generator.ts';

runMain('demo:statistics', async () => {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '6000' }, seed: { type: 'string', default: '7' } } });
  const cases = Number(values.cases);
  const seed = Number(values.seed);
  if (!Number.isInteger(cases) || cases < 6 || cases > 600_000) throw new Error('--cases 应为 6–600000 的整数 / --cases must be an integer 6–600000');
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed 应为非负整数 / --seed must be a non-negative integer');
  const asOf = shanghaiDateOf(new Date());
  const toYear = Number(asOf.slice(0, 4));
  const label = `demostats${seed}`;
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  try {
    await migrateLatest(db);
    await seedDemoRegion(db);
    if (await db('cases').where('case_number', 'like', `%生${label}行初%`).first('id')) throw new Error(`seed ${seed} 的演示统计数据已生成过 / the demo statistics of seed ${seed} are already there`);
    const ledger = await demoStatisticsLedger(db, { seed, cases, fromYear: toYear - 4, toYear, asOf, label });
    await insertGeneratedLedger(db, ledger, (table, rows) => say('demo:statistics', `${table}: ${rows} rows`));
    say('demo:statistics', `added ${ledger.rows.cases.length} cases to the demo region (示例市人民政府及所属单位), ${toYear - 4}–${toYear}, as of ${asOf}`);
  } finally {
    await db.destroy();
  }
});
