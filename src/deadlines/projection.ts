// The deadlines still ahead if the case follows its usual course (answer → judgment → appeal period →
// effect → performance and reports), for the case page. Each step assumes the event that starts it
// happens on the latest date the previous step allows — the answer on the last day of the answer
// period, the judgment on the last day of the court's term, no appeal — and the deadline engine
// computes the periods from those assumed dates. Known facts replace assumptions as they arrive, so
// the projection is recomputed on every read. Pure: no IO.
import type { WorkCalendar } from './calendar.ts';
import { computeCaseDeadlines, type CaseOptions, type TriggerDates } from './case-deadlines.ts';
import { formatIsoDate, parseIsoDate } from './dates.ts';
import type { DeadlineStatus } from './engine.ts';
import type { TriggerEvent } from './rules.ts';
import { chineseDate } from '../documents/formatting.ts';

export interface ProjectedDeadline {
  /** the step of the usual course, in Chinese */
  step: string;
  rule: string;
  name: string;
  due: string;
  status: DeadlineStatus;
  /** what the projection assumed, in Chinese */
  assumption: string;
  explanation: string;
  source: string;
}

export interface ProjectionInput {
  profile: string;
  level: 'first' | 'second' | 'retrial';
  triggers: TriggerDates;
  options: CaseOptions;
}

const nextDay = (iso: string) => formatIsoDate(parseIsoDate(iso)! + 1);

export function projectDeadlines(cal: WorkCalendar, input: ProjectionInput): ProjectedDeadline[] {
  const known = input.triggers;
  // the usual course ends in a judgment (not a ruling or mediation) unless the case says otherwise
  const options: CaseOptions = { judgmentKind: 'judgment', ...input.options };
  const out: ProjectedDeadline[] = [];
  const from = (event: TriggerEvent, date: string, step: string, assumption: string, provisional: boolean) => {
    const computed = computeCaseDeadlines(cal, { profile: input.profile, triggers: { [event]: date }, options }, ['all']).filter((d) => d.triggerKey === event);
    const rows = computed.map(
      (d): ProjectedDeadline => ({ step, rule: d.rule, name: d.name, due: d.due, status: provisional ? 'PROVISIONAL' : d.status, assumption, explanation: d.explanation, source: d.source }),
    );
    out.push(...rows);
    return rows;
  };

  // 1. the answer: filed on the last day of the answer period
  const answer = known.complaintReceivedOn ? computeCaseDeadlines(cal, { profile: input.profile, triggers: { complaintReceivedOn: known.complaintReceivedOn }, options }, ['all']).find((d) => d.rule === 'answer-and-evidence') : undefined;
  const answerDue = known.answerDueOn ?? answer?.due;
  let provisional = answer?.status === 'PROVISIONAL';
  if (input.level !== 'retrial' && !known.answerSubmittedOn && answerDue) {
    from('answerSubmittedOn', answerDue, '答辩之后', `假定于答辩期限届满日（${chineseDate(answerDue)}）提交答辩状`, provisional);
  }

  // 2. the judgment: served on the last day of the court's term
  let servedOn = known.judgmentServedOn;
  let servedAssumed = false;
  if (!servedOn) {
    const [event, date, text] =
      input.level === 'second'
        ? (['appealFiledOn', known.appealFiledOn, '二审立案之日'] as const)
        : input.level === 'first'
          ? known.filedOn
            ? (['filedOn', known.filedOn, '立案之日'] as const)
            : // the court files the case before it serves the complaint copy: counting from the service is the latest term
              (['filedOn', known.complaintReceivedOn, '收到起诉状副本之日（立案日期未录入，立案不晚于该日）'] as const)
          : ([undefined, undefined, ''] as const);
    if (event && date) {
      // of the rules that run from the filing only the court's term lies ahead (the complaint copy is served)
      const terms = computeCaseDeadlines(cal, { profile: input.profile, triggers: { [event]: date }, options }, ['all'])
        .filter((d) => d.triggerKey === event && /-term$/.test(d.rule))
        .map((d): ProjectedDeadline => ({ step: '审理与裁判', rule: d.rule, name: d.name, due: d.due, status: provisional ? 'PROVISIONAL' : d.status, assumption: `审理期限自${text}${chineseDate(date)}起算`, explanation: d.explanation, source: d.source }));
      out.push(...terms);
      const term = terms.sort((a, b) => a.due.localeCompare(b.due))[0];
      if (term) {
        servedOn = term.due;
        servedAssumed = true;
        provisional ||= term.status === 'PROVISIONAL';
      }
    }
  }
  if (!servedOn || known.effectiveOn) return out;

  // 3. the appeal period (first instance), then 4. effect: the day after it ends, nobody appealing; a
  // second-instance judgment is final when served
  let effectiveOn = servedOn;
  let effectText = `二审判决送达即发生法律效力（假定于${chineseDate(servedOn)}送达）`;
  if (input.level === 'first') {
    const rows = servedAssumed
      ? from('judgmentServedOn', servedOn, '上诉期', `假定人民法院在审理期限届满日（${chineseDate(servedOn)}）作出并送达判决`, provisional)
      : computeCaseDeadlines(cal, { profile: input.profile, triggers: { judgmentServedOn: servedOn }, options }, ['all']).filter((d) => d.triggerKey === 'judgmentServedOn');
    const appeal = rows.find((d) => d.rule === 'appeal-judgment' || d.rule === 'appeal-ruling');
    if (!appeal) return out;
    effectiveOn = nextDay(appeal.due);
    provisional ||= appeal.status === 'PROVISIONAL';
    effectText = `假定各方当事人均未上诉，判决于上诉期届满（${chineseDate(appeal.due)}）的次日${chineseDate(effectiveOn)}发生法律效力`;
  } else if (!servedAssumed && input.level !== 'second') {
    return out;
  }

  // 5. performance and the reports that run from the effective date (e.g. a loss analysis if the agency lost)
  from('effectiveOn', effectiveOn, '生效之后', effectText, provisional);
  return out;
}
