// The ledger's warning colours (台账预警): which pending deadline of a case counts as 逾期 overdue,
// 3日内到期 due within 3 days or 本周到期 due this week, on the deadline engine's calendar:
//  - overdue: the last day (期限届满日, ending 24:00 Asia/Shanghai) is before today;
//  - due-3d: from today up to the 3rd WORKING day after today (today not counted; weekends and
//    statutory holidays not counted, make-up working days counted: the days the office can act on);
//  - due-week: later than that but still in this calendar week (Monday–Sunday, Asia/Shanghai).
// A case's pending deadlines are those of its current stage (PENDING_DEADLINE_STAGES).
import type { WorkCalendar } from '../deadlines/calendar.ts';
import { formatIsoDate, parseIsoDate, weekdayOf } from '../deadlines/dates.ts';
import { workingDaysAfter } from '../deadlines/periods.ts';

export const WARNINGS = ['overdue', 'due-3d', 'due-week'] as const;
export type Warning = (typeof WARNINGS)[number];

export const WARNING_LABELS: Record<Warning, string> = { overdue: '逾期', 'due-3d': '3日内到期', 'due-week': '本周到期' };

/** The deadline stages (case_deadlines.stage) whose deadlines are still ahead of a case in each ledger stage. */
export const PENDING_DEADLINE_STAGES: Record<string, readonly string[]> = {
  registration: ['registration', 'answer'],
  settlement: ['registration', 'answer'],
  answer: ['registration', 'answer'],
  'awaiting-hearing': ['answer', 'hearing'],
  hearing: ['hearing'],
  judgment: ['judgment'],
  'second-instance': ['second-instance', 'judgment'],
  retrial: ['retrial'],
  performance: ['performance', 'loss-analysis'],
  'loss-analysis': ['loss-analysis'],
};

/**
 * The rules registration itself fulfils (收件登记, 转交承办部门 of the served complaint): pending only
 * while the case is still in the registration stage.
 */
export const REGISTRATION_RULES = ['registration', 'forwarding'] as const;

/** The answer rules, fulfilled once the answer is submitted (answer_submitted_on). */
export const ANSWER_RULES = ['answer-and-evidence', 'appeal-answer', 'retrial-response'] as const;

/**
 * Whether the case has done what a deadline asks: registration's own deadlines once registered, the
 * answer's once the answer is in (the same rule as NEXT_DEADLINE_JOIN in case-list.ts, for one case).
 */
export function deadlineFulfilled(c: { stage: string; answerSubmittedOn: string | null }, d: { rule: string; triggerKey: string }): boolean {
  if ((REGISTRATION_RULES as readonly string[]).includes(d.rule) && d.triggerKey === 'complaintReceivedOn') return c.stage !== 'registration';
  return (ANSWER_RULES as readonly string[]).includes(d.rule) && c.answerSubmittedOn !== null;
}

export interface WarningWindows {
  today: string;
  /** last day of the 3日内 window (the 3rd working day after today) */
  within3dUntil: string;
  /** Sunday of this week */
  weekUntil: string;
}

export function warningWindows(calendar: WorkCalendar, today: string): WarningWindows {
  const day = parseIsoDate(today);
  if (day === null) throw new Error(`not a date: ${today}`);
  const three = workingDaysAfter(calendar, day, 3);
  // an unpublished holiday notice: the later estimate, so a warning never comes late
  const within3d = three.estimatedDue ?? three.due;
  const sunday = day + ((7 - weekdayOf(day)) % 7);
  return { today, within3dUntil: formatIsoDate(within3d), weekUntil: formatIsoDate(sunday) };
}

export function warningOf(dueOn: string | null, w: WarningWindows): Warning | null {
  if (!dueOn) return null;
  if (dueOn < w.today) return 'overdue';
  if (dueOn <= w.within3dUntil) return 'due-3d';
  if (dueOn <= w.weekUntil) return 'due-week';
  return null;
}

/** The `due` filter as an inclusive range of last days: overdue | 3d | week | <N>d (N calendar days from today). */
export function dueRange(due: string, w: WarningWindows): { from?: string; to: string } {
  if (due === 'overdue') return { to: formatIsoDate(parseIsoDate(w.today)! - 1) };
  if (due === '3d') return { from: w.today, to: w.within3dUntil };
  if (due === 'week') return { from: w.today, to: w.weekUntil };
  const days = Number(/^(\d{1,3})d$/.exec(due)?.[1]);
  if (!Number.isInteger(days)) throw new Error(`bad due filter ${due}`);
  return { from: w.today, to: formatIsoDate(parseIsoDate(w.today)! + days) };
}
