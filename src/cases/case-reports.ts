// Reports a case sends upward (pure addressee choice + the ledger write): filing with the justice
// bureau (备案: A05 Tengzhou — after receipt, the answer, each hearing and each judgment —, C03 Jinghai, C04 Liaocheng) and the major-case report to the
// same-level government (A11, Liaocheng Art. 43 para 3). Keyed by job key.
import type { Db } from '../db/database.ts';
import { InputError } from '../errors.ts';
import { appendCaseEvent } from '../ledger/case-events.ts';
import { findJusticeBureau } from '../notifications/rules.ts';
import { getCaseRow, listAgencies } from './case-read-model.ts';
import type { AgencyInfo } from './responding-units.ts';

export const REPORT_KINDS = ['justice-bureau-filing', 'major-case-report'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_TIMINGS = ['after-receipt', 'before-answer', 'after-answer', 'after-hearing', 'after-judgment', 'on-identification'] as const;

/** The same-level government of an agency: itself if it is one, else the nearest government above. */
export function governmentOf(agencies: readonly AgencyInfo[], agencyId: string): string | null {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  let current = byId.get(agencyId);
  for (let guard = 0; current && guard < 10; guard++) {
    if (current.kind === 'government') return current.id;
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return null;
}

export interface ReportRequest {
  caseId: string;
  kind: ReportKind;
  timing: string;
  rule: string;
  dueOn?: string | null;
  filedOn: string;
  documentIds?: string[];
  payload?: Record<string, unknown>;
  jobKey: string;
  processInstanceKey: string;
}

export async function recordReport(db: Db, r: ReportRequest): Promise<{ reportId: string; addresseeAgencyId: string | null; created: boolean }> {
  if (!(REPORT_KINDS as readonly string[]).includes(r.kind)) throw new InputError([{ field: 'headers.reportKind', message: `应为 ${REPORT_KINDS.join('、')}` }]);
  if (!(REPORT_TIMINGS as readonly string[]).includes(r.timing)) throw new InputError([{ field: 'headers.timing', message: `应为 ${REPORT_TIMINGS.join('、')}` }]);
  const idempotencyKey = `job:${r.jobKey}:report`;
  const existing = await db('case_reports').where({ idempotency_key: idempotencyKey }).first();
  if (existing) return { reportId: String(existing.id), addresseeAgencyId: existing.addressee_agency_id, created: false };
  const row = await getCaseRow(db, r.caseId);
  const agencies = await listAgencies(db);
  const addressee = r.kind === 'justice-bureau-filing' ? findJusticeBureau(agencies, row.agency_id) : governmentOf(agencies, row.agency_id);
  return db.transaction(async (trx) => {
    const [inserted] = await trx('case_reports')
      .insert({
        case_id: r.caseId,
        kind: r.kind,
        timing: r.timing,
        addressee_agency_id: addressee,
        rule: r.rule,
        due_on: r.dueOn ?? null,
        filed_on: r.filedOn,
        document_ids: JSON.stringify(r.documentIds ?? []),
        payload: JSON.stringify(r.payload ?? {}),
        source_job_key: r.jobKey,
        idempotency_key: idempotencyKey,
      })
      .onConflict('idempotency_key')
      .ignore()
      .returning('*');
    if (!inserted) {
      const again = await trx('case_reports').where({ idempotency_key: idempotencyKey }).first();
      return { reportId: String(again.id), addresseeAgencyId: again.addressee_agency_id, created: false };
    }
    await appendCaseEvent(trx, {
      caseId: r.caseId,
      type: r.kind,
      payload: { reportId: String(inserted.id), timing: r.timing, addresseeAgencyId: addressee, dueOn: r.dueOn ?? null, filedOn: r.filedOn, rule: r.rule, documentIds: r.documentIds ?? [] },
      actor: 'worker:cases.file-report',
      sourceJobKey: r.jobKey,
      processInstanceKey: r.processInstanceKey,
    });
    return { reportId: String(inserted.id), addresseeAgencyId: addressee, created: true };
  });
}
