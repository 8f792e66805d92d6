// deadlines.compute: "compute the deadlines of this case at this stage". Merges the trigger dates known so
// far into the case's stored inputs, recomputes every deadline of the stages seen so far, writes the
// difference to the ledger (keyed by job key: a redelivered job writes nothing new) and returns the dates
// as process variables for timers and user-task due dates (with a hearingKey also that hearing's
// deadlines under plain names, null where a rule does not apply: headAbsenceReportDueAt, …; with a
// recommendationKey that recommendation's reply deadline as recommendationReply*, its kind and period
// kept for its own trigger key recommendationReceivedOn:<key>).
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { TRIGGER_EVENTS, normaliseTriggers, parseCaseOptions, requireStage } from '../../src/deadlines/case-deadlines.ts';
import { listCaseDeadlines, loadCalendar, syncCaseDeadlines } from '../../src/deadlines/ledger.ts';
import { deadlineProcessVariables } from '../../src/deadlines/process-variables.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const OPTION_VARIABLES = ['judgmentKind', 'procedure', 'headAppeared', 'headRequiredThisHearing', 'replyWithinDays', 'performanceWithinDays', 'recommendationKind'] as const;

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  stage: z.string({ message: '缺少 stage（阶段）' }),
  /** qualifies hearingAt when a case has several hearings (trigger key hearingAt:<hearingKey>) */
  hearingKey: z.union([z.string(), z.number()]).optional(),
  /** qualifies recommendationReceivedOn when a case has several recommendations (trigger key recommendationReceivedOn:<key>); their options are that key's own */
  recommendationKey: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, { message: 'recommendationKey 应为1至40位字母、数字、点、下划线或连字符' }).optional().nullable(),
  /** the court level: which deadline answerDueAt names (first instance, appeal answer, retrial response) */
  level: z.enum(['first', 'second', 'retrial'], { message: 'level 应为 first、second 或 retrial' }).optional().nullable(),
});

export const computeCaseDeadlines: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'deadlines.compute',
  description: '计算本案本阶段的期限并写入台账 / compute the case deadlines at this stage',
  variables: Variables,
  fetchVariables: ['caseId', 'stage', 'hearingKey', 'recommendationKey', 'level', ...TRIGGER_EVENTS, ...OPTION_VARIABLES],
  async handle(job, { db }) {
    const v = job.variables as Record<string, unknown>;
    const stage = requireStage(v.stage);
    const recommendationKey = job.variables.recommendationKey ?? null;
    const raw: Record<string, unknown> = {};
    for (const name of TRIGGER_EVENTS) {
      // null: a diagram hides a date of its scope that is not this step's trigger (hearingAt = null)
      if (v[name] === undefined || v[name] === null) continue;
      const key = name === 'hearingAt' && v.hearingKey !== undefined ? `hearingAt:${v.hearingKey}` : name === 'recommendationReceivedOn' && recommendationKey ? `${name}:${recommendationKey}` : name;
      raw[key] = v[name];
    }
    const triggerChanges = normaliseTriggers(raw);
    const optionInput: Record<string, unknown> = {};
    for (const name of OPTION_VARIABLES) if (v[name] !== undefined && v[name] !== null) optionInput[name] = v[name];
    // one recommendation's kind and period belong to its own trigger key, not to the whole case
    const { replyWithinDays, recommendationKind, ...caseWide } = optionInput;
    const optionChanges = parseCaseOptions(
      !recommendationKey ? optionInput : replyWithinDays === undefined && recommendationKind === undefined ? caseWide : { ...caseWide, byTrigger: { [`recommendationReceivedOn:${recommendationKey}`]: { replyWithinDays, recommendationKind } } },
    );
    if (!Object.keys(triggerChanges).length && stage !== 'all') {
      const existing = await db('case_deadline_inputs').where({ case_id: job.variables.caseId }).first('case_id');
      if (!existing) throw new InputError([{ field: 'complaintReceivedOn', message: '没有任何触发日期，无法计算期限' }]);
    }
    const calendar = await loadCalendar(db);
    const changes = await syncCaseDeadlines(db, [{ caseId: job.variables.caseId, triggerChanges, optionChanges, stage }], {
      calendar,
      reason: `job:${job.key}`,
      actor: `worker:${job.type}`,
      sourceJobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    const deadlines = await listCaseDeadlines(db, job.variables.caseId);
    // with a hearingKey (出庭应诉): also this hearing's deadlines under their plain names (headAbsenceReportDueAt, …)
    return { ...deadlineProcessVariables(calendar, deadlines, job.variables.level ?? 'first', job.variables.hearingKey, recommendationKey ?? undefined), deadlinesChanged: changes.length };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = computeCaseDeadlines;
