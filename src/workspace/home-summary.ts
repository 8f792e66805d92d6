// The home page (首页) in one call: the user's tasks due soonest, the warnings of the cases in its
// scope (逾期 / 3日内到期 / 本周到期, as the ledger colours them), the 督办 (supervision) notices sent about them, and unread
// in-app messages.
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { listCases } from '../cases/case-list.ts';
import type { Warning } from '../cases/ledger-warnings.ts';
import type { ProcessEngine } from '../process-engine/process-engine.ts';
import { whereCaseVisible } from '../auth/scope.ts';
import { listInbox, type InboxTask } from './task-inbox.ts';

export interface CaseWarning {
  caseId: string;
  caseNumber: string;
  agencyName: string;
  deadlineName: string;
  ruleId: string;
  dueOn: string;
  warning: Warning;
}

/**
 * The cases in scope whose next pending deadline is overdue, due within 3 working days or this week:
 * the ledger's own query and warning rules (src/cases/case-list.ts, ledger-warnings.ts), soonest first.
 */
async function caseWarnings(db: Db, principal: Principal, limit: number) {
  const query = (due: string) => listCases(db, principal, { due, sort: 'nextDeadline', order: 'asc', limit, offset: 0 });
  const [overdue, within3d, week] = await Promise.all([query('overdue'), query('3d'), query('week')]);
  const seen = new Set<string>();
  const items: CaseWarning[] = [];
  for (const c of [...overdue.items, ...within3d.items, ...week.items]) {
    if (seen.has(c.id) || !c.warning || !c.nextDeadline) continue;
    seen.add(c.id);
    items.push({ caseId: c.id, caseNumber: c.caseNumber, agencyName: c.agencyName, deadlineName: c.nextDeadline.label, ruleId: c.nextDeadline.ruleId, dueOn: c.nextDeadline.dueOn, warning: c.warning });
  }
  const counts: Record<Warning, number> = { overdue: overdue.total, 'due-3d': within3d.total, 'due-week': week.items.filter((c) => c.warning === 'due-week').length };
  return { counts, items };
}

/** The escalation notices (督办) sent about cases in scope, newest first, one per case and subject. */
async function supervisionItems(db: Db, principal: Principal, limit: number) {
  const q = db('notification_outbox as o')
    .join('cases as c', 'c.id', 'o.case_id')
    .where('o.event', 'deadline.escalation')
    .distinctOn('o.case_id', 'o.subject')
    .orderBy([{ column: 'o.case_id' }, { column: 'o.subject' }, { column: 'o.id', order: 'desc' }])
    .select('o.id', 'o.case_id', 'c.case_number', 'o.subject', 'o.created_at');
  const rows = await whereCaseVisible(q, principal, 'c');
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
    caseWarnings(db, principal, 50),
    supervisionItems(db, principal, 10),
    db('notification_inbox').where({ person_id: principal.personId }).whereNull('read_at').orderBy('id', 'desc').limit(8).select('id', 'case_id', 'subject', 'urgent', 'created_at'),
    db('notification_inbox').where({ person_id: principal.personId }).whereNull('read_at').count({ n: '*' }),
  ]);
  return {
    today,
    tasks,
    warnings,
    supervision,
    notifications: {
      unreadCount: Number(unreadCount[0]?.n ?? 0),
      items: unread.map((n: any) => ({ id: String(n.id), caseId: n.case_id, subject: n.subject, urgent: n.urgent, createdAt: (n.created_at as Date).toISOString() })),
    },
  };
}
