// The case list of the case API (GET /api/cases): filters by agency, stage, year and answer overdue.
import type { Principal } from '../auth/principal.ts';
import { whereCaseVisible } from '../auth/scope.ts';
import type { Db } from '../db/database.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';

export interface CaseListFilter {
  agency?: string;
  stage?: string;
  overdue?: boolean;
  year?: number;
  limit: number;
  offset: number;
}

/** GET /api/cases — the cases in the principal's scope */
export async function listCases(db: Db, f: CaseListFilter, principal: Principal) {
  const q = whereCaseVisible(db('cases as c').join('agencies as a', 'a.id', 'c.agency_id').select('c.*', 'a.name as agency_name', 'a.profile'), principal, 'c');
  if (f.agency) q.where('c.agency_id', f.agency);
  if (f.stage) q.where('c.stage', f.stage);
  if (f.year) q.whereRaw('extract(year from c.complaint_received_on) = ?', [f.year]);
  const answerOverdue = `exists (select 1 from case_deadlines d where d.case_id = c.id and d.rule_id = 'answer-and-evidence' and d.due_on < ?::date) and c.answer_submitted_on is null and c.status = 'open'`;
  if (f.overdue === true) q.whereRaw(answerOverdue, [shanghaiDateOf(new Date())]);
  if (f.overdue === false) q.whereRaw(`not (${answerOverdue})`, [shanghaiDateOf(new Date())]);
  const rows = await q.orderBy([{ column: 'c.complaint_received_on', order: 'desc' }, { column: 'c.case_number' }]).limit(f.limit).offset(f.offset);
  return rows.map((r: any) => ({
    id: r.id,
    caseNumber: r.case_number,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    profile: r.profile,
    court: r.court,
    level: r.level,
    cause: r.cause,
    stage: r.stage,
    status: r.status,
    settlementStatus: r.settlement_status,
    complaintReceivedOn: r.complaint_received_on,
    processInstanceKey: r.process_instance_key,
  }));
}
