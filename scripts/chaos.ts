// npm run chaos: the fault harness (docs/chaos.md). N live suits driven through the case API while
// the engine app, the workers, the web app and a private PostgreSQL cluster are killed and
// restarted and the SMTP server and webhook receiver are down; then every suit driven to its end
// and the audit: lost, duplicated, ledger = engine history, time to recover.
//   npm run chaos                    full run: 1,000 suits, outages of 3 minutes
//   npm run chaos -- --reduced       the reduced run of npm test (see REDUCED)
//   npm run chaos -- --suits 300 --concurrency 20 --outage-s 60
//   npm run chaos -- --suits 300 --start-budget-min 20   no suit starts after 20 minutes of the drive
// Writes .runtime/chaos/report.json and prints a table; exit code 1 when anything was lost or doubled.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config.ts';
import { runMain, say } from '../src/cli.ts';
import { FULL, REDUCED, type ChaosProfile } from '../test/chaos/profiles.ts';
import { formatReport, runChaos } from '../test/chaos/run-chaos.ts';

runMain('chaos', async () => {
  const { values } = parseArgs({ options: { reduced: { type: 'boolean' }, suits: { type: 'string' }, concurrency: { type: 'string' }, 'outage-s': { type: 'string' }, 'start-budget-min': { type: 'string' } } });
  const base: ChaosProfile = values.reduced ? REDUCED : FULL;
  const options = {
    ...base,
    suits: values.suits ? Number(values.suits) : base.suits,
    concurrency: values.concurrency ? Number(values.concurrency) : base.concurrency,
    outageMs: values['outage-s'] ? Number(values['outage-s']) * 1000 : base.outageMs,
    startBudgetMs: values['start-budget-min'] ? Number(values['start-budget-min']) * 60_000 : base.startBudgetMs,
    log: (line: string) => say('chaos', line),
  };
  const report = await runChaos(options);
  const dir = path.join(projectRoot, '.runtime', 'chaos');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report, null, 2));
  process.stdout.write(`\n${formatReport(report)}\n\nreport: ${path.relative(projectRoot, path.join(dir, 'report.json'))}\n`);
  if (!report.passed) process.exitCode = 1;
});
