// The hearing, case-lifecycle and retrial diagrams compute nothing in FEEL any more: the workers
// return what the expressions derived (src/hearing/hearing-key.ts, head-unable.ts, agents.ts,
// citations.ts reasonsText, deadlines/process-variables.ts) and the diagrams only map variables.
// Each test runs the diagram's mappings as they are now (read from the file: the Camunda 7 input and
// output parameters and call-activity camunda:in/out, evaluated as the engine evaluates them) over
// the worker's outputs and proves they give what the FEEL of main gave, for every sample.
import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../../../src/deadlines/calendar.ts';
import type { StoredDeadline } from '../../../src/deadlines/ledger.ts';
import { deadlineProcessVariables } from '../../../src/deadlines/process-variables.ts';
import { headAppearsOf } from '../../../src/hearing/agents.ts';
import { decideHeadAppearance, type AppearanceFacts } from '../../../src/hearing/head-appearance.ts';
import { headUnableFallback, headUnableFormValues } from '../../../src/hearing/head-unable.ts';
import { courtRequiresPrincipalHead, hearingKeyOf, nextHearingNumberOf } from '../../../src/hearing/hearing-key.ts';
import { reasonsText } from '../../../src/policy-sources/citations.ts';
import { camundaMappingValue, ioMappings, isCamundaConvertible } from '../../helpers/diagram-headers.ts';
import { feelValue } from '../../helpers/feel-drift.ts';

const HEARING = 'processes/hearing.bpmn';
const LIFECYCLE = 'processes/case-lifecycle.bpmn';
const RETRIAL = 'processes/retrial.bpmn';

/** The FEEL of main that the workers now compute. */
const MAIN = {
  callerHearingKey: '=if hearingNumber = null or hearingNumber <= 1 then level else level + "_" + string(hearingNumber)',
  stageHearingKey: '=if hearingKey != null then hearingKey else if level != null then level else "first"',
  nextHearingNumber: '=if hearingNumber = null then 2 else hearingNumber + 1',
  callerCourtNotice: '={principalHeadRequired: principalHeadRequiredByCourt = true}',
  courtNoticePrincipalHead: '=if courtNotice = null then false else courtNotice.principalHeadRequired = true',
  headAppearanceReasonsText: '=string join(for r in headAppearance.reasons return r.text + "（" + r.source + "）", "；")',
  headAppears: '=headAvailability = "available"',
  headUnableChoices: '=for o in headUnable.options return {label: o.label, value: o.option}',
  headUnableFirstStepsText: '=string join(for r in headUnable.firstSteps return r.text + "（" + r.source + "）", "；")',
  headUnableOptionsText: '=string join(for o in headUnable.options return o.label + "：" + o.text + "（" + o.source + "）", "；")',
  hearingReminderAt: '=if get value(deadlines, "headAppearanceNotice_" + hearingKey) = null then hearingAt else (get value(deadlines, "headAppearanceNotice_" + hearingKey)).remindAt.t0',
  headAppearanceNoticeDue: '=(get value(deadlines, "headAppearanceNotice_" + hearingKey)).due',
  headAbsenceReportDue: '=(get value(deadlines, "headAbsenceReport_" + hearingKey)).due',
  headAbsenceReportDueAt: '=(get value(deadlines, "headAbsenceReport_" + hearingKey)).dueAt',
  headAbsenceReportRemindT5At: '=(get value(deadlines, "headAbsenceReport_" + hearingKey)).remindAt.t5',
};

type Scope = Record<string, unknown>;
/** A mapping evaluated as the engine does (Camunda 7: getVariable of a missing variable null, a bare missing name an error). */
const mapped = (sources: Record<string, string>, scope: Scope): Scope => Object.fromEntries(Object.entries(sources).map(([target, source]) => [target, camundaMappingValue(source, scope)]));
const only = <T,>(scope: Record<string, T>, ...names: string[]): Record<string, T> => Object.fromEntries(names.filter((n) => scope[n] !== undefined).map((n) => [n, scope[n]!]));


describe('the hearing key and the count of hearings', () => {
  // the life cycle's scope at cl_hearing_call: every hearing of a level counted from 1
  const counts = [undefined, null, 0, 1, 2, 3, 12];
  const levels = ['first', 'second', null, undefined];

  it.each(levels.flatMap((level) => counts.map((hearingNumber) => [level, hearingNumber] as const)))('called by the life cycle at level %s, hearing %s: the same key as main', async (level, hearingNumber) => {
    const parent = { caseId: 'c', level, hearingNumber, hearingAt: '2026-04-15T09:30:00+08:00', principalHeadRequiredByCourt: false };
    const main = feelValue(MAIN.stageHearingKey, { level, hearingKey: feelValue(MAIN.callerHearingKey, parent) });

    const child = mapped((await ioMappings(LIFECYCLE, 'cl_hearing_call')).inputs, parent);
    expect(child).not.toHaveProperty('hearingKey');
    const decided = { hearingKey: hearingKeyOf(child), nextHearingNumber: nextHearingNumberOf(child.hearingNumber) };
    const now = mapped(only((await ioMappings(HEARING, 'h_decide')).outputs, 'hearingKey'), { ...child, ...decided });
    expect(now.hearingKey).toStrictEqual(main);
  });

  it('the retrial and a direct start: the given key, else the level, else "first"', async () => {
    const retrialChild = mapped((await ioMappings(RETRIAL, 'rt_hearing')).inputs, { caseId: 'c', hearingAt: 'x', principalHeadRequiredByCourt: true });
    expect(hearingKeyOf(retrialChild)).toBe('retrial');
    expect(hearingKeyOf(retrialChild)).toBe(feelValue(MAIN.stageHearingKey, retrialChild));
    for (const start of [{ level: 'first' }, { level: 'second', hearingKey: 'second_3' }, {}, { level: null, hearingKey: null }, { hearingKey: 7 }]) {
      expect(hearingKeyOf(start), JSON.stringify(start)).toStrictEqual(feelValue(MAIN.stageHearingKey, start));
    }
  });

  it.each([undefined, null, 1, 2, 5])('after hearing %s the next notice counts on as main did', async (hearingNumber) => {
    const parent = { caseId: 'c', level: 'first', hearingNumber, hearingAt: 'x', principalHeadRequiredByCourt: false };
    const main = feelValue(MAIN.nextHearingNumber, parent);
    const child = mapped((await ioMappings(LIFECYCLE, 'cl_hearing_call')).inputs, parent);
    const childEnd = { ...child, ...mapped(only((await ioMappings(HEARING, 'h_decide')).outputs, 'nextHearingNumber'), { ...child, nextHearingNumber: nextHearingNumberOf(child.hearingNumber) }) };
    const afterCall = { ...parent, ...mapped(only((await ioMappings(LIFECYCLE, 'cl_hearing_call')).outputs, 'nextHearingNumber'), childEnd) };
    const message = { hearingAt: 'y', principalHeadRequiredByCourt: false };
    const next = mapped((await ioMappings(LIFECYCLE, 'cl_next_hearing')).outputs, { ...afterCall, ...message });
    expect(next.hearingNumber).toStrictEqual(main);
  });

  it('a count that is not a number gives no next count (FEEL: null)', () => {
    expect(nextHearingNumberOf('2')).toBeNull();
    expect(feelValue(MAIN.nextHearingNumber, { hearingNumber: '2' })).toBeNull();
  });
});

describe("the court's notice that the principal head must appear", () => {
  it.each([true, false, null, undefined, 'true'])('principalHeadRequiredByCourt %s in the life cycle and the retrial: as main', async (byCourt) => {
    const parent = { caseId: 'c', level: 'first', hearingNumber: 1, hearingAt: 'x', principalHeadRequiredByCourt: byCourt };
    const main = feelValue(MAIN.courtNoticePrincipalHead, { courtNotice: feelValue(MAIN.callerCourtNotice, parent) });
    for (const [file, call] of [[LIFECYCLE, 'cl_hearing_call'], [RETRIAL, 'rt_hearing']] as const) {
      const child = mapped((await ioMappings(file, call)).inputs, parent);
      expect(child).not.toHaveProperty('courtNotice');
      const input = mapped((await ioMappings(HEARING, 'h_decide')).inputs, child);
      expect(courtRequiresPrincipalHead(input.courtNoticePrincipalHead, child.courtNotice), `${call}`).toBe(main);
    }
  });

  it('a hearing started with a courtNotice object (as callers did before) still tells the worker', async () => {
    for (const courtNotice of [{ principalHeadRequired: true }, { principalHeadRequired: false }, {}, null]) {
      const start = { caseId: 'c', level: 'first', courtNotice };
      const input = mapped((await ioMappings(HEARING, 'h_decide')).inputs, start);
      expect(input.courtNoticePrincipalHead).toBeNull();
      expect(courtRequiresPrincipalHead(input.courtNoticePrincipalHead, courtNotice), JSON.stringify(courtNotice)).toBe(feelValue(MAIN.courtNoticePrincipalHead, start));
    }
    // Operaton: an object arrives as JSON text
    expect(courtRequiresPrincipalHead(null, JSON.stringify({ principalHeadRequired: true }))).toBe(true);
    expect(courtRequiresPrincipalHead(undefined, 'not json')).toBe(false);
  });
});

describe('who must appear: the reasons as one line for the appearance-plan form', () => {
  const facts: [string, AppearanceFacts][] = [
    ['Liaocheng group suit', { profile: 'liaocheng', decisionDate: '2026-03-10', plaintiffCount: 12, claimAmount: 15_000_000 }],
    ['Liaocheng, court notice', { profile: 'liaocheng', decisionDate: '2026-03-10', courtNoticePrincipalHead: true }],
    ['national', { profile: 'national', decisionDate: '2026-03-10' }],
    ['Yantai, court suggestion', { profile: 'yantai', decisionDate: '2026-03-10', courtNoticeHead: true, flags: { majorPublicInterest: true } }],
  ];
  it.each(facts)('%s', async (_name, f) => {
    const { dmnInputs, ...headAppearance } = decideHeadAppearance(f);
    const main = feelValue(MAIN.headAppearanceReasonsText, { headAppearance });
    const out = { headAppearance, headAppearanceReasonsText: reasonsText(headAppearance.reasons), ...dmnInputs };
    const now = mapped(only((await ioMappings(HEARING, 'h_decide')).outputs, 'headAppearanceReasonsText'), out);
    expect(now.headAppearanceReasonsText).toBe(main);
    expect(main).toContain('（');
  });
  it('no reasons: an empty line', () => expect(reasonsText([])).toBe(feelValue(MAIN.headAppearanceReasonsText, { headAppearance: { reasons: [] } })));
});

describe('the head cannot appear: what the decision form shows', () => {
  const samples: [string, Record<string, unknown>][] = [
    ['Liaocheng', { profile: 'liaocheng', absenceReason: 'force-majeure' }],
    ['Yantai county government', { profile: 'yantai', agencyKind: 'government', agencyLevel: 'county' }],
    ['Yantai department', { profile: 'yantai', agencyKind: 'department', agencyLevel: 'city' }],
    ['Hunan', { profile: 'hunan', absenceReason: 'accident' }],
    ['national', { profile: 'national' }],
    ['Jinghai', { profile: 'jinghai' }],
    ['Tengzhou', { profile: 'tengzhou' }],
  ];
  it.each(samples)('%s: the same list of choices and the same two lines', async (_name, input) => {
    const headUnable = headUnableFallback({ decisionDate: '2026-03-10', ...input });
    const out = { headUnable, ...headUnableFormValues(headUnable) };
    const now = mapped(only((await ioMappings(HEARING, 'p_unable')).outputs, 'headUnableChoices', 'headUnableFirstStepsText', 'headUnableOptionsText'), out);
    expect(now).toStrictEqual({
      headUnableChoices: feelValue(MAIN.headUnableChoices, { headUnable }),
      headUnableFirstStepsText: feelValue(MAIN.headUnableFirstStepsText, { headUnable }),
      headUnableOptionsText: feelValue(MAIN.headUnableOptionsText, { headUnable }),
    });
    expect((now.headUnableChoices as unknown[]).length).toBeGreaterThan(0);
  });
});

describe('validating the agents: does the head appear?', () => {
  it.each(['available', 'unable', null])('headAvailability %s: as main', async (headAvailability) => {
    expect((await ioMappings(HEARING, 'p_validate')).inputs).toEqual({});
    expect(headAppearsOf({ headAvailability })).toBe(feelValue(MAIN.headAppears, { headAvailability }));
  });
  it('an explicit headAppears wins; with neither the head appears (the form requires headAvailability)', () => {
    expect(headAppearsOf({ headAppears: false, headAvailability: 'available' })).toBe(false);
    expect(headAppearsOf({})).toBe(true);
  });
});

describe("a hearing's deadlines under plain names", () => {
  const cal = packagedCalendar();
  const row = (rule: string, triggerKey: string, due: string): StoredDeadline =>
    ({ id: `${rule}-${triggerKey}`, rule, triggerKey, name: rule, stage: 'hearing', trigger: '2026-04-15', due, dueAt: '', status: 'OK', explanation: 'x', source: 's', profile: 'liaocheng', ruleProfile: 'liaocheng', basis: 'internal', mayExtendTo: null, estimatedDue: null, computedAt: new Date() }) as StoredDeadline;
  const answer = row('answer-and-evidence', 'complaintReceivedOn', '2026-03-20');
  const first = [row('head-appearance-notice', 'hearingAt:first', '2026-04-12'), row('head-absence-report', 'hearingAt:first', '2026-05-15')];
  const second = [row('head-appearance-notice', 'hearingAt:first_2', '2026-04-19')];
  const samples: [string, StoredDeadline[], string][] = [
    ['the first hearing, the head absent', [answer, ...first], 'first'],
    ['the second hearing: only its notice', [answer, ...first, ...second], 'first_2'],
    ['the first hearing after a second was held', [answer, ...first, ...second], 'first'],
    ['no hearing deadline yet', [answer], 'second'],
    ['the retrial', [answer, ...first, row('head-appearance-notice', 'hearingAt:retrial', '2027-01-08')], 'retrial'],
    ['Tengzhou: the head-appearance record is filed', [answer, row('justice-bureau-filing', 'hearingAt:first', '2026-04-22')], 'first'],
  ];
  const hearingAt = '2026-04-15T09:30:00+08:00';

  it.each(samples)('%s: h_deadlines and h_deadlines_after map what main did', async (_name, deadlines, hearingKey) => {
    const out = deadlineProcessVariables(cal, deadlines, 'first', hearingKey);
    const scope = { caseId: 'c', hearingKey, hearingAt, ...out };
    const before = mapped((await ioMappings(HEARING, 'h_deadlines')).outputs, scope);
    expect(before).toStrictEqual({ hearingReminderAt: feelValue(MAIN.hearingReminderAt, scope), headAppearanceNoticeDue: feelValue(MAIN.headAppearanceNoticeDue, scope) });
    const after = mapped((await ioMappings(HEARING, 'h_deadlines_after')).outputs, scope);
    expect(after).toStrictEqual({
      headAbsenceReportDue: feelValue(MAIN.headAbsenceReportDue, scope),
      headAbsenceReportDueAt: feelValue(MAIN.headAbsenceReportDueAt, scope),
      headAbsenceReportRemindT5At: feelValue(MAIN.headAbsenceReportRemindT5At, scope),
      // new with the 督办 convention (issue 12): the report's 督办 one working day before, 09:00, null where no report is due
      headAbsenceReportEscalateAt: out.headAbsenceReportEscalateAt,
      // new with the Tengzhou filing (TZ 二(四)): this hearing's filing due date, null elsewhere
      hearingFilingDue: out.justiceBureauFilingForHearingDue,
      hearingFilingDueAt: out.justiceBureauFilingForHearingDueAt,
    });
    const filing = deadlines.find((d) => d.rule === 'justice-bureau-filing' && d.triggerKey === `hearingAt:${hearingKey}`);
    expect(after.hearingFilingDue).toBe(filing?.due ?? null);
  });

  it('names every per-hearing value, null where the rule does not apply to this hearing', () => {
    const out = deadlineProcessVariables(cal, [answer, ...first, ...second], 'first', 'first_2');
    expect(out).toMatchObject({
      headAppearanceNoticeDue: '2026-04-19',
      headAppearanceNoticeDueAt: '2026-04-19T23:59:59+08:00',
      headAppearanceNoticeRemindT0At: '2026-04-17T09:00:00+08:00', // 04-19 is a Sunday
      headAbsenceReportDue: null,
      headAbsenceReportDueAt: null,
      headAbsenceReportRemindT5At: null,
      // the keyed names stay as they were
      headAppearanceNotice_firstDue: '2026-04-12',
      headAbsenceReport_firstDueAt: '2026-05-15T23:59:59+08:00',
    });
  });

  it('without a hearingKey (every other step) nothing new is returned', () => {
    const deadlines = [answer, ...first];
    const out = deadlineProcessVariables(cal, deadlines, 'first');
    expect(Object.keys(out).filter((k) => /^(headAppearanceNotice|headAbsenceReport)[A-Z]/.test(k))).toEqual([]);
  });
});

describe('the diagrams map only convertible forms where FEEL computed before', () => {
  const changed: [string, string][] = [
    [LIFECYCLE, 'cl_hearing_call'],
    [LIFECYCLE, 'cl_next_hearing'],
    [RETRIAL, 'rt_hearing'],
    [HEARING, 'h_stage'],
    [HEARING, 'h_decide'],
    [HEARING, 'h_deadlines'],
    [HEARING, 'p_validate'],
    [HEARING, 'p_unable'],
    [HEARING, 'h_deadlines_after'],
  ];
  it.each(changed)('%s %s', async (file, element) => {
    const { inputs, outputs } = await ioMappings(file, element);
    for (const [target, source] of Object.entries({ ...inputs, ...outputs })) expect(isCamundaConvertible(source), `${element} → ${target}: ${source}`).toBe(true);
  });
});
