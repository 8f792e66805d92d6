// deadlines.date-times: a date a person set in a form (performance plan, agreed settlement reply) as
// the date-times the diagrams' due dates and timers take — the same values as the FEEL the
// performance and pretrial-settlement diagrams computed on main (copied below), in Asia/Shanghai,
// the next day being the next calendar day (no rest-day move).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { InputError } from '../../../src/errors.ts';
import { setDateTimes } from '../../../src/deadlines/process-variables.ts';
import { dateTimes } from '../../../workers/deadlines/date-times.ts';
import { feelValue } from '../../helpers/feel-drift.ts';

const OLD = {
  f_work_due: '=performanceDueOn + "T23:59:59+08:00"',
  f_overdue_timer: '=string(date(performanceDueOn) + duration("P1D")) + "T09:00:00+08:00"',
  f_overdue_assess_asOf: '=string(date(performanceDueOn) + duration("P1D"))',
  ps_reply_due: '=if agreedReplyBy != null then agreedReplyBy + "T23:59:59+08:00" else answerDueAt',
};
// a working day, a Saturday, the Spring Festival holiday, month ends, the year end, leap and common Februaries
const DATES = ['2026-03-17', '2026-03-21', '2026-02-17', '2026-04-30', '2026-12-31', '2026-02-28', '2028-02-28', '2028-02-29'];

const job = (variables: Record<string, unknown>) => ({
  key: '1', type: 'deadlines.date-times', processInstanceKey: '2', bpmnProcessId: 'performance', elementId: 'f_work_times', retries: 3,
  variables: dateTimes.variables!.parse(variables), customHeaders: {}, activatedAt: new Date(),
});

describe('setDateTimes: a set date as date-times (Asia/Shanghai, calendar days)', () => {
  it('the day’s end, the next calendar day and that day at 09:00', () => {
    expect(setDateTimes('2026-03-17')).toEqual({ endOfDayAt: '2026-03-17T23:59:59+08:00', nextDayOn: '2026-03-18', nextDayAt: '2026-03-18T09:00:00+08:00' });
    // a Saturday stays a Saturday: not a legal period, nothing moves to a working day
    expect(setDateTimes('2026-03-20').nextDayOn).toBe('2026-03-21');
    expect(setDateTimes('2026-12-31')).toMatchObject({ nextDayOn: '2027-01-01', nextDayAt: '2027-01-01T09:00:00+08:00' });
    expect(setDateTimes('2028-02-28').nextDayOn).toBe('2028-02-29');
    expect(setDateTimes('2026-02-28').nextDayOn).toBe('2026-03-01');
  });

  it('the instants are the Shanghai ones: 23:59:59 is 15:59:59 UTC, 09:00 is 01:00 UTC', () => {
    const t = setDateTimes('2026-03-17');
    expect(new Date(t.endOfDayAt!).toISOString()).toBe('2026-03-17T15:59:59.000Z');
    expect(new Date(t.nextDayAt!).toISOString()).toBe('2026-03-18T01:00:00.000Z');
  });

  it('no date: every date-time null (the diagram then falls back, e.g. to answerDueAt)', () => {
    expect(setDateTimes(null)).toEqual({ endOfDayAt: null, nextDayOn: null, nextDayAt: null });
    expect(setDateTimes(undefined)).toEqual({ endOfDayAt: null, nextDayOn: null, nextDayAt: null });
  });

  it('not a calendar date: an input error naming the field', () => {
    for (const bad of ['', '2026-02-30', '2026/03/17', '2026-03-17T00:00:00+08:00', 20260317]) {
      expect(() => setDateTimes(bad, 'agreedReplyBy'), String(bad)).toThrow(InputError);
    }
    expect(() => setDateTimes('soon', 'agreedReplyBy')).toThrow(/agreedReplyBy/);
  });
});

describe('the diagrams get what their FEEL computed', () => {
  it.each(DATES)('performance, performanceDueOn %s: f_work due date, f_overdue timer, f_overdue_assess asOf', (performanceDueOn) => {
    const t = setDateTimes(performanceDueOn);
    expect(t.endOfDayAt).toBe(feelValue(OLD.f_work_due, { performanceDueOn }));
    expect(t.nextDayAt).toBe(feelValue(OLD.f_overdue_timer, { performanceDueOn }));
    expect(t.nextDayOn).toBe(feelValue(OLD.f_overdue_assess_asOf, { performanceDueOn }));
  });

  it.each([...DATES, null])('pretrial settlement, agreedReplyBy %s: ps_reply due date', (agreedReplyBy) => {
    const answerDueAt = '2026-03-24T23:59:59+08:00';
    const before = { answerDueAt, ...(agreedReplyBy ? { agreedReplyBy } : {}) };
    const agreedReplyDueAt = setDateTimes(agreedReplyBy).endOfDayAt;
    expect(feelValue('=if agreedReplyDueAt != null then agreedReplyDueAt else answerDueAt', { answerDueAt, agreedReplyDueAt })).toBe(feelValue(OLD.ps_reply_due, before));
  });

  // the lines each diagram holds now (Camunda 7 dialect): the worker's outputs mapped, and read as
  // plain variables only (a JUEL expression naming a missing variable fails, hence getVariable)
  const DIAGRAM_LINES: Record<string, string[]> = {
    'processes/performance.bpmn': [
      'camunda:type="external" camunda:topic="deadlines.date-times"',
      // the plan's date, or the court's period from effect (performance-period) when it is earlier
      '<camunda:inputParameter name="date">${execution.getVariable(\'performancePeriodDue\') != null &amp;&amp; performancePeriodDue.compareTo(performanceDueOn) &lt; 0 ? performancePeriodDue : performanceDueOn}</camunda:inputParameter>',
      '<camunda:outputParameter name="performanceDueAt">${execution.getVariable(\'endOfDayAt\')}</camunda:outputParameter>',
      '<camunda:outputParameter name="performanceOverdueCheckOn">${execution.getVariable(\'nextDayOn\')}</camunda:outputParameter>',
      '<camunda:outputParameter name="performanceOverdueCheckAt">${execution.getVariable(\'nextDayAt\')}</camunda:outputParameter>',
      'camunda:dueDate="${execution.getVariable(&#39;performanceDueAt&#39;)}"',
      '<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${performanceOverdueCheckAt}</bpmn:timeDate>',
      '<camunda:inputParameter name="asOf">${execution.getVariable(\'performanceOverdueCheckOn\')}</camunda:inputParameter>',
      '<bpmn:sequenceFlow id="f_f24" sourceRef="f_period" targetRef="f_work_times" />',
      '<bpmn:sequenceFlow id="f_f21" sourceRef="f_work_times" targetRef="f_work" />',
    ],
    'processes/pretrial-settlement.bpmn': [
      '<camunda:inputParameter name="date">${execution.getVariable(\'agreedReplyBy\')}</camunda:inputParameter>',
      '<camunda:outputParameter name="agreedReplyDueAt">${execution.getVariable(\'endOfDayAt\')}</camunda:outputParameter>',
      'camunda:dueDate="${execution.getVariable(&#39;agreedReplyDueAt&#39;) != null ? agreedReplyDueAt : execution.getVariable(&#39;answerDueAt&#39;)}"',
      'sourceRef="ps_reply_gw" targetRef="ps_reply_times">',
      '<bpmn:sequenceFlow id="ps_f28" sourceRef="ps_reply_times" targetRef="ps_reply" />',
    ],
  };
  it.each(Object.keys(DIAGRAM_LINES))('%s maps the worker’s outputs and reads them in the convertible forms', async (file) => {
    const xml = await readFile(path.join(projectRoot, file), 'utf8');
    for (const line of DIAGRAM_LINES[file]!) expect(xml).toContain(line);
    expect(xml).not.toMatch(/duration\(|string\(date|&quot;T23:59:59/);
  });
});

describe('deadlines.date-times worker', () => {
  it('returns the three date-times of the local input date', async () => {
    expect(await dateTimes.handle(job({ date: '2026-03-17' }), {} as never)).toEqual({ endOfDayAt: '2026-03-17T23:59:59+08:00', nextDayOn: '2026-03-18', nextDayAt: '2026-03-18T09:00:00+08:00' });
  });
  it('no date (missing or null): nulls', async () => {
    expect(await dateTimes.handle(job({}), {} as never)).toEqual({ endOfDayAt: null, nextDayOn: null, nextDayAt: null });
    expect(await dateTimes.handle(job({ date: null }), {} as never)).toEqual({ endOfDayAt: null, nextDayOn: null, nextDayAt: null });
  });
  it('a bad date: an input error on date (an incident, no retries)', async () => {
    await expect(dateTimes.handle(job({ date: '2026-02-30' }), {} as never)).rejects.toThrow(/date/);
    expect(dateTimes.variables!.safeParse({ date: 20260317 }).success).toBe(false);
    expect(dateTimes.fetchVariables).toEqual(['date']);
  });
});
