// Tier: chaos (integration under faults) — the reduced chaos run (test/chaos/profiles.ts REDUCED):
// its own PostgreSQL cluster, engine app, web app, workers, SMTP server and webhook receiver, the
// suits driven through the case API while each of them is killed or taken down once; then nothing
// lost, nothing twice, the ledger equal to the engine's history. Runs in npm test after the
// integration tier, alone (vitest.config.ts, project chaos); by itself: npx vitest run --project chaos.
// The full run: npm run chaos (docs/chaos.md).
import { describe, expect, it } from 'vitest';
import { REDUCED } from './profiles.ts';
import { formatReport, runChaos, type ChaosReport } from './run-chaos.ts';

describe('chaos (reduced run)', () => {
  it('loses no suit and does nothing twice when the engine, workers, web app, PostgreSQL, SMTP and webhook receiver fail under load', async () => {
    const report: ChaosReport = await runChaos({ ...REDUCED, log: (line) => process.stderr.write(`[chaos] ${line}\n`) });
    process.stderr.write(`${formatReport(report)}\n`);
    expect(report.faults.map((f) => f.fault)).toEqual(expect.arrayContaining(['web-app-kill-registration', 'engine-kill', 'workers-kill', 'postgres-restart', 'smtp-down', 'webhook-down']));
    expect(report.audit.findings).toEqual([]);
    // every suit begun within the start budget (all 200 on the quiet two-core machine) reached its end
    expect(report.suitsStarted).toBeGreaterThanOrEqual(REDUCED.concurrency);
    expect(report.audit.suits.total).toBe(report.suitsStarted);
    expect(report.audit.suits.completed).toBe(report.suitsStarted);
    expect(report.audit.suits.lost).toBe(0);
    expect(report.audit.duplicates).toEqual({ documents: 0, notifications: 0, notificationDeliveries: 0, ledgerEvents: 0, processInstances: 0 });
    expect(report.audit.lostWork).toEqual({ engineCommands: 0, notifications: 0 });
    expect(report.audit.ledgerVsEngine.casesAgreeing).toBe(report.suitsStarted);
    expect(report.passed).toBe(true);
  });
});
