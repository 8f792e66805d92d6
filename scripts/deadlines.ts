// Deadline calculator (期限计算) from the command line.
//   npm run --silent deadlines -- --profile national --rule answer-and-evidence --trigger 2026-09-22
//   echo '[{"profile":"jinghai","rule":"forwarding","trigger":"2026-09-30"}]' | npm run --silent deadlines -- --batch
// Options: --court-set-days N (judicial-recommendation-reply), --ledger (include the calendar years and
// corrections an admin added to the ledger; needs DATABASE_URL). Bad arguments: exit code 2, message on stderr.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { createDb } from '../src/db/database.ts';
import { InputError } from '../src/errors.ts';
import { packagedCalendar, type WorkCalendar } from '../src/deadlines/calendar.ts';
import { computeBatch, computeDeadline } from '../src/deadlines/engine.ts';
import { loadCalendar } from '../src/deadlines/ledger.ts';
import { refreshEffectiveProfiles } from '../src/deadlines/profile-registry.ts';

const USAGE = `用法 / usage:
  npm run --silent deadlines -- --profile <id> --rule <id> --trigger <YYYY-MM-DD> [--court-set-days N] [--ledger]
  npm run --silent deadlines -- --batch [--ledger]   (stdin: JSON array of {profile, rule, trigger})`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        profile: { type: 'string' },
        rule: { type: 'string' },
        trigger: { type: 'string' },
        'court-set-days': { type: 'string' },
        batch: { type: 'boolean', default: false },
        ledger: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(`参数错误 / bad arguments: ${(error as Error).message}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  let calendar: WorkCalendar = packagedCalendar();
  if (values.ledger) {
    const db = createDb(loadConfig().DATABASE_URL, { min: 0, max: 1 });
    try {
      calendar = await loadCalendar(db);
      // --ledger: the ledger's calendar and the rule-profile versions activated in it
      await refreshEffectiveProfiles(db);
    } finally {
      await db.destroy();
    }
  }

  if (values.batch) {
    const text = await readStdin();
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch {
      fail('stdin: 不是有效的 JSON / not valid JSON');
    }
    if (!Array.isArray(items)) fail('stdin: 应为 JSON 数组 / expected a JSON array');
    process.stdout.write(`${JSON.stringify(computeBatch(calendar, items), null, 2)}\n`);
    return;
  }

  const missing = (['profile', 'rule', 'trigger'] as const).filter((k) => values[k] === undefined);
  if (missing.length) fail(`缺少参数 / missing: ${missing.map((m) => `--${m}`).join(', ')}`);
  let courtSetDays: number | undefined;
  if (values['court-set-days'] !== undefined) {
    courtSetDays = Number(values['court-set-days']);
    if (!Number.isInteger(courtSetDays)) fail(`--court-set-days: 应为整数天数，收到 ${values['court-set-days']}`);
  }
  try {
    const result = computeDeadline(calendar, { profile: values.profile, rule: values.rule, trigger: values.trigger, ...(courtSetDays !== undefined ? { courtSetDays } : {}) });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } catch (error) {
    if (error instanceof InputError) fail(error.issues.map((i) => `--${i.field === 'courtSetDays' ? 'court-set-days' : i.field}: ${i.message}`).join('\n'));
    throw error;
  }
}

main().catch((error) => {
  process.stderr.write(`期限计算失败 / failed: ${(error as Error).message}\n`);
  process.exit(1);
});
