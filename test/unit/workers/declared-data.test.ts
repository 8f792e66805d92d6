// Data declared on a task (data.* headers / extension properties, dataBuilder) instead of an
// expression: assembled by the worker host before the module parses its variables.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { declaredData } from '../../../src/workers/declared-data.ts';
import { variableAt } from '../../../src/workers/variable-values.ts';
import { runJob } from '../../../src/workers/job-outcome.ts';
import type { WorkerModule } from '../../../src/workers/worker-module.ts';
import { feelValue } from '../../helpers/feel-drift.ts';

describe('declared data', () => {
  const variables = { answerDue: '2026-03-17', respondingUnitNames: '示例市市场监督管理局', handlerName: '刘海涛', judgment: '{"kind":"ruling"}', agents: [{ name: '王律师' }] };

  it('reads variables (also into objects that arrived as JSON strings), literals, nested paths and lists', () => {
    const headers = {
      'data.deadlineName': '答辩举证期限',
      'data.dueDate': '=answerDue',
      'data.judgment.kind': '=judgment.kind',
      'data.documents.0': '=answerDue',
      'data.documents.1': '=handlerName',
      'data.note': '==not a variable',
      'data.missing': '=nothingHere',
      event: 'case.assigned',
    };
    expect(declaredData(headers, variables)).toEqual({
      deadlineName: '答辩举证期限',
      dueDate: '2026-03-17',
      judgment: { kind: 'ruling' },
      documents: ['2026-03-17', '刘海涛'],
      note: '=not a variable',
      missing: null,
    });
    expect(variableAt(variables, 'agents')).toEqual([{ name: '王律师' }]);
  });

  it('takes a whole object variable as the data (fields lay over it), and null when it is missing', () => {
    const vars = { notice: { daysOverdue: 3, reasons: ['逾期'] } };
    expect(declaredData({ data: '=notice' }, vars)).toEqual({ daysOverdue: 3, reasons: ['逾期'] });
    expect(declaredData({ data: '=notice', 'data.daysOverdue': '=days' }, { ...vars, days: 4 })).toEqual({ daysOverdue: 4, reasons: ['逾期'] });
    expect(declaredData({ data: '=notice' }, { notice: JSON.stringify(vars.notice) })).toEqual(vars.notice);
    expect(declaredData({ data: '=notice' }, {})).toBeNull();
  });

  it('equals the FEEL mapping it replaces (case-registration, notification of the assignment)', () => {
    const feel = '={unitName: respondingUnitNames, handlerName: handlerName, answerDue: answerDue}';
    const headers = { 'data.unitName': '=respondingUnitNames', 'data.handlerName': '=handlerName', 'data.answerDue': '=answerDue' };
    expect(declaredData(headers, variables)).toEqual(feelValue(feel, variables));
  });

  it('runs a named builder first and names an unknown one as bad input', () => {
    const builders = { appealSummary: (v: Record<string, unknown>) => ({ outcome: v.handlerName, kind: 'x' }) };
    expect(declaredData({ dataBuilder: 'appealSummary', 'data.kind': 'judgment' }, variables, builders)).toEqual({ outcome: '刘海涛', kind: 'judgment' });
    expect(() => declaredData({ dataBuilder: 'nope' }, variables, builders)).toThrow(/nope/);
  });

  it('fills the module’s declared variable before its variables are parsed', async () => {
    let seen: unknown;
    const worker: WorkerModule = {
      jobType: 'test.job',
      description: 'test',
      declaredData: 'notificationData',
      variables: z.looseObject({ notificationData: z.record(z.string(), z.unknown()) }),
      handle: async (job) => void (seen = job.variables.notificationData),
    };
    const job = {
      key: '1', type: 'test.job', processInstanceKey: '2', bpmnProcessId: 'p', elementId: 't', retries: 3,
      variables: { answerDue: '2026-03-17' }, customHeaders: { 'data.dueDate': '=answerDue', 'data.deadlineName': '答辩举证期限' },
      complete: async () => 'ack', fail: async () => 'ack', error: async () => 'ack',
    };
    await runJob(worker, job, { logger: pino({ level: 'silent' }) } as never);
    expect(seen).toEqual({ dueDate: '2026-03-17', deadlineName: '答辩举证期限' });
  });
});
