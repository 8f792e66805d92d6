// deadlines.date-times: a date a person set in a form (a performance plan's due date, a reply date
// agreed in a settlement session) as the date-times a user task's due date and a timer take, so the
// diagram maps plain variables instead of computing them in an expression language. Not a legal
// period (those come from deadlines.compute): the day set is kept, the next day is the next calendar day.
//
// Contract:
//   variables  date: YYYY-MM-DD or null (a local input, e.g. = performanceDueOn)
//   returns    endOfDayAt (date 23:59:59+08:00), nextDayOn (date + 1 calendar day),
//              nextDayAt (nextDayOn 09:00:00+08:00) — all null when date is null; the diagram
//              maps them to its own names (performanceDueAt, agreedReplyDueAt, …)
//   a date that is not a real calendar date: an incident naming `date`
import { z } from 'zod';
import { setDateTimes } from '../../src/deadlines/process-variables.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({ date: z.string().nullable().optional() });

export const dateTimes: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'deadlines.date-times',
  description: '把表单确定的日期换算为到期时刻与次日时刻 / a set date as the date-times of a due date and a timer',
  variables: Variables,
  fetchVariables: ['date'],
  async handle(job) {
    return { ...setDateTimes(job.variables.date ?? null, 'date') };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = dateTimes;
