// Narrow questions about a case that other modules ask the ledger (台账): the case row, the agencies,
// the process instances of a case. Read-only: writes go through case-store.ts.
import { isUuid } from '../db/ids.ts';
import type { Knex } from 'knex';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { AgencyInfo } from './responding-units.ts';

export interface CaseRow {
  id: string;
  agency_id: string;
  case_number: string;
  court: string;
  level: string;
  cause: string;
  act_description: string;
  act_agency_id: string | null;
  reconsideration_status: string;
  reconsideration_organ_id: string | null;
  plaintiff_count: number;
  claim_amount: string | null;
  flags: Record<string, boolean>;
  complaint_received_on: string;
  stage: string;
  status: string;
  settlement_status: string;
  lead_agency_id: string | null;
  answer_submitted_on: string | null;
  withdrawn_on: string | null;
  process_instance_key: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function listAgencies(db: Db | Knex.Transaction): Promise<(AgencyInfo & { level: string; code: string })[]> {
  const rows = await db('agencies').select('id', 'code', 'name', 'kind', 'level', 'profile', 'parent_id').orderBy('code');
  return rows.map((r: any) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, level: r.level, profile: r.profile, parentId: r.parent_id }));
}

export async function getCaseRow(db: Db | Knex.Transaction, id: string): Promise<CaseRow> {
  const row = isUuid(id) ? await db('cases').where({ id }).first() : undefined;
  if (!row) throw new NotFoundError('案件 / case', id);
  return row;
}

export async function caseProcessInstanceKeys(db: Db, caseId: string): Promise<{ key: string; bpmnProcessId: string }[]> {
  const row = await getCaseRow(db, caseId);
  const rows = await db('case_process_instances').where({ case_id: caseId }).orderBy('recorded_at');
  const keys = rows.map((r: any) => ({ key: r.process_instance_key, bpmnProcessId: r.bpmn_process_id }));
  if (row.process_instance_key && !keys.some((k) => k.key === row.process_instance_key)) keys.unshift({ key: row.process_instance_key, bpmnProcessId: 'case-lifecycle' });
  return keys;
}
