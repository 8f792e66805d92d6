// The home page (首页) in one call: the user's tasks due soonest, the warnings of the cases in its
// scope (逾期 / 3日内到期 / 本周到期), the 督办 (supervision) notices sent about them, and unread
// in-app messages.
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { formatIsoDate, parseIsoDate, shanghaiDateOf } from '../deadlines/dates.ts';
import type { ProcessEngine } from '../process-engine/process-engine.ts';
import { whereCaseInScope } from './case-scope.ts';
import { listInbox, type InboxTask } from './task-inbox.ts';

export type Warning = 'overdue' | 'due-3d' | 'due-week';

export interface CaseWarning {
  caseId: string;
  caseNumber: string;
  agencyName: string;
  deadlineName: string;
  ruleId: string;
  dueOn: string;
  provisional: boolean;
  warning: Warning;
}

const addDaysIso = (iso: string, days: number) => formatIsoDate(parseIsoDate(iso)! + days);

/** Days are Asia/Shanghai calendar dates; "本周" = the next 7 days. */
export function warningOf(dueOn: string, today: string): Warning | null {
  if (dueOn < today) return 'overdue';
  if (dueOn <= addDaysIso(today, 3)) return 'due-3d';
  if (dueOn <= addDaysIso(today, 7)) return 'due-week';
  return null;
}

/**
 * Current deadlines of open cases due within a week, and the answer deadline once missed (the one
 * deadline the ledger knows to be met or not: answer_submitted_on); earliest first.
 */
async function caseWarnings(db: Db, principal: Principal, today: string, limit: number): Promise<CaseWarning[]> {
  const q = db('case_deadlines as d')
    .join('cases as c', 'c.id', 'd.case_id')
    .join('agencies as a', 'a.id', 'c.agency_id')
    .whereNull('d.superseded_at')
    .where('c.status', 'open')
    .where((w) =>
      w.whereBetween('d.due_on', [today, addDaysIso(today, 7)]).orWhere((o) => o.where('d.rule_id', 'answer-and-evidence').where('d.due_on', '<', today).whereNull('c.answer_submitted_on')),
    )
    .orderBy([{ column: 'd.due_on' }, { column: 'c.case_number' }])
    .limit(limit)
    .select('c.id as case_id', 'c.case_number', 'a.name as agency_name', 'd.name', 'd.rule_id', 'd.due_on', 'd.status');
  const rows = await whereCaseInScope(q, principal);
  return rows.map((r: any) => {
    const dueOn = typeof r.due_on === 'string' ? r.due_on : shanghaiDateOf(r.due_on);
    return { caseId: r.case_id, caseNumber: r.case_number, agencyName: r.agency_name, deadlineName: r.name, ruleId: r.rule_id, dueOn, provisional: r.status === 'PROVISIONAL', warning: warningOf(dueOn, today)! };
  });
}

/** The escalation notices (督办) sent about cases in scope, newest first, one per case and subject. */
async function supervisionItems(db: Db, principal: Principal, limit: number) {
  const q = db('notification_outbox as o')
    .join('cases as c', 'c.id', 'o.case_id')
    .where('o.event', 'deadline.escalation')
    .distinctOn('o.case_id', 'o.subject')
    .orderBy([{ column: 'o.case_id' }, { column: 'o.subject' }, { column: 'o.id', order: 'desc' }])
    .select('o.id', 'o.case_id', 'c.case_number', 'o.subject', 'o.created_at');
  const rows = await whereCaseInScope(q, principal);
  return rows
    .map((r: any): { id: string; caseId: string; caseNumber: string; subject: string; sentAt: string } => ({ id: String(r.id), caseId: r.case_id, caseNumber: r.case_number, subject: r.subject, sentAt: (r.created_at as Date).toISOString() }))
    .sort((a: { sentAt: string }, b: { sentAt: string }) => b.sentAt.localeCompare(a.sentAt))
    .slice(0, limit);
}

/** GET /api/home */
export async function homeSummary(db: Db, engine: ProcessEngine, principal: Principal, now = new Date()) {
  const today = shanghaiDateOf(now);
  const [tasks, warnings, supervision, unread, unreadCount] = await Promise.all([
    listInbox(db, engine, principal).then((all): { total: number; items: InboxTask[] } => ({ total: all.length, items: all.slice(0, 8) })),
    caseWarnings(db, principal, today, 50),
    supervisionItems(db, principal, 10),
    db('notification_inbox').where({ person_id: principal.personId }).whereNull('read_at').orderBy('id', 'desc').limit(8).select('id', 'case_id', 'subject', 'urgent', 'created_at'),
    db('notification_inbox').where({ person_id: principal.personId }).whereNull('read_at').count({ n: '*' }),
  ]);
  return {
    today,
    tasks,
    warnings: {
      counts: { overdue: warnings.filter((w) => w.warning === 'overdue').length, 'due-3d': warnings.filter((w) => w.warning === 'due-3d').length, 'due-week': warnings.filter((w) => w.warning === 'due-week').length },
      items: warnings,
    },
    supervision,
    notifications: {
      unreadCount: Number(unreadCount[0]?.n ?? 0),
      items: unread.map((n: any) => ({ id: String(n.id), caseId: n.case_id, subject: n.subject, urgent: n.urgent, createdAt: (n.created_at as Date).toISOString() })),
    },
  };
}
