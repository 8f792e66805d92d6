// The quota monitor (指标监测): judges every quota of every agency for the current year from the
// ledger and, when one is at risk or missed, tells the agency's principal head and legal-affairs body
// (and in Liaocheng the justice bureau, src/notifications/rules.ts) through the notification outbox
// — once per agency, quota and year: the quota_warnings row and the outbox rows commit together, and
// a second sweep (or a second replica sweeping at once) finds the row and sends nothing.
// Started by the worker side (scripts/runtime.ts: npm start and serve:workers), hourly.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import type { Logger } from '../logger.ts';
import { queueNotification } from '../notifications/outbox.ts';
import { startPollingLoop, type PollingLoop } from '../runtime/polling-loop.ts';
import { figureTotalsByAgency } from '../statistics/figure-queries.ts';
import { periodOf } from '../statistics/periods.ts';
import { evaluateQuotas, needsWarning, quotasFor, type AgencyOfQuota, type QuotaResult } from './quotas.ts';

export interface QuotaSweepReport {
  year: number;
  asOf: string;
  agencies: number;
  /** quotas found at risk or missed (warned now or before) */
  atRisk: { agencyId: string; quotaId: string; status: string }[];
  /** warnings queued by this sweep */
  warned: { agencyId: string; quotaId: string; status: string; notificationIds: string[] }[];
}

/** Warning key: one per agency, quota and year. */
export const quotaWarningKey = (agencyId: string, quotaId: string, year: number) => `quota:${agencyId}:${quotaId}:${year}`;

/** One pass: judges the quotas on the Shanghai date of `now` and queues the warnings not sent yet. */
export async function sweepQuotas(deps: { db: Db; config: Config }, options: { now?: Date; agencyIds?: readonly string[] } = {}): Promise<QuotaSweepReport> {
  const { db, config } = deps;
  const now = options.now ?? new Date();
  const asOf = shanghaiDateOf(now);
  const year = Number(asOf.slice(0, 4));
  const query = db('agencies').whereNot('kind', 'justice-bureau').select('id', 'name', 'kind', 'level', 'profile');
  if (options.agencyIds) query.whereIn('id', options.agencyIds);
  const agencies: AgencyOfQuota[] = (await query).map((r: any) => ({ id: r.id, name: r.name, kind: r.kind, level: r.level, profile: r.profile ?? 'national' })).filter((a) => quotasFor(a.profile, year).length > 0);
  const report: QuotaSweepReport = { year, asOf, agencies: agencies.length, atRisk: [], warned: [] };
  if (!agencies.length) return report;

  const period = periodOf(year, null);
  const totals = await figureTotalsByAgency(db, { agencyIds: agencies.map((a) => a.id), from: period.from, to: period.to, asOf });
  const already = new Set(
    (await db('quota_warnings').whereIn('agency_id', agencies.map((a) => a.id)).andWhere({ year }).select('agency_id', 'quota_id')).map((r: any) => `${r.agency_id}|${r.quota_id}`),
  );
  for (const agency of agencies) {
    for (const result of evaluateQuotas({ agency, year, asOf, totals: totals.get(agency.id)! }).filter(needsWarning)) {
      report.atRisk.push({ agencyId: agency.id, quotaId: result.quotaId, status: result.status });
      if (already.has(`${agency.id}|${result.quotaId}`)) continue;
      const queued = await warnOnce(deps, agency, year, asOf, result, now);
      if (queued) report.warned.push({ agencyId: agency.id, quotaId: result.quotaId, status: result.status, notificationIds: queued });
    }
  }
  return report;
}

/** The warning row and its notifications in one transaction; null when another sweep sent it first. */
async function warnOnce(deps: { db: Db; config: Config }, agency: AgencyOfQuota, year: number, asOf: string, result: QuotaResult, now: Date): Promise<string[] | null> {
  return deps.db.transaction(async (trx) => {
    const inserted = await trx('quota_warnings')
      .insert({ agency_id: agency.id, quota_id: result.quotaId, year, status: result.status, explanation: result.explanation, facts: JSON.stringify({ actual: result.actual, target: result.target, numerator: result.numerator, denominator: result.denominator }), judged_on: asOf })
      .onConflict(['agency_id', 'quota_id', 'year'])
      .ignore()
      .returning('id');
    if (!inserted.length) return null;
    const key = quotaWarningKey(agency.id, result.quotaId, year);
    const queued = await queueNotification(
      { db: trx as unknown as Db, config: deps.config },
      {
        event: 'quota.at-risk',
        agencyId: agency.id,
        data: { year, quotaName: result.name, requirement: result.requirement, statusLabel: result.statusLabel, explanation: result.explanation },
        idempotencyKey: key,
        sourceJobKey: key,
        asOf: now,
      },
      now,
    );
    return queued.notificationIds;
  });
}

/** Sweeps at once and then every `intervalMs` (default 1 hour). */
export function startQuotaMonitor(deps: { db: Db; config: Config; logger: Logger }, options: { intervalMs?: number } = {}): PollingLoop {
  const sweep = async () => {
    const report = await sweepQuotas(deps);
    if (report.warned.length) deps.logger.info({ warned: report.warned.map((w) => `${w.agencyId}:${w.quotaId}:${w.status}`) }, 'quota warnings queued');
  };
  return startPollingLoop(sweep, { pollMs: options.intervalMs ?? 60 * 60_000, logger: deps.logger, failure: 'quota sweep failed' });
}
