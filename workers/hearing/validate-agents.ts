// hearing.validate-agents: checks the agents (委托代理人) chosen in the form: none or 1–2 when the head
// appears, 1–2 when no head appears; at least one staff member, never only lawyers (Jinghai: nor only
// part-time legal advisers) per profile; and "not-required" only when this hearing demands no head
// (headRequiredThisHearing false, 法释〔2020〕3号 Art. 7). Invalid → BPMN error AGENTS_INVALID with the
// Chinese message (variable ruleError.message), so the diagram routes back to the form; valid →
// agentsValid true and the rules checked. Whether the head appears comes from the plan's
// headAvailability ("available") unless headAppears is given.
import { z } from 'zod';
import { RuleError } from '../../src/errors.ts';
import { HEAD_AVAILABILITIES, agentIssuesMessage, headAppearsOf, validateAgents } from '../../src/hearing/agents.ts';
import { decisionDateOf } from '../../src/policy-sources/profiles.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { profileOf } from '../../src/cases/case-profile-read-model.ts';

export const AGENTS_INVALID = 'AGENTS_INVALID';

const Variables = z.looseObject({
  caseId: z.uuid().optional(),
  /** the agency's profile; read from the case when absent */
  profile: z.string().optional(),
  /** missing: no agents (Tasklist leaves out a dynamic list whose rows were all removed) */
  agents: z.array(z.unknown(), { message: '委托代理人 agents 应为列表' }).optional().default([]),
  headAppears: z.boolean().optional(),
  /** the appearance plan's answer: "available" (the head appears) or "unable" */
  headAvailability: z.unknown().optional(),
  hearingAt: z.string().optional(),
  /** from hearing.decide-appearance: false when a head already appeared in this instance and the court has not asked again */
  headRequiredThisHearing: z.boolean().optional().nullable(),
});

export const validateAgentsWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'hearing.validate-agents',
  description: '校验出庭委托代理人（负责人出庭的可不委托或委托1至2名，不出庭的1至2名；至少1名工作人员、不得仅委托律师）/ validate the hearing agents',
  variables: Variables,
  fetchVariables: ['caseId', 'profile', 'agents', 'headAppears', 'headAvailability', 'hearingAt', 'headRequiredThisHearing'],
  async handle(job, { db }) {
    const v = job.variables;
    let profile = v.profile;
    if (!profile && v.caseId) profile = await profileOf(db, v.caseId);
    const headAvailability = (HEAD_AVAILABILITIES as readonly unknown[]).includes(v.headAvailability) ? (v.headAvailability as (typeof HEAD_AVAILABILITIES)[number]) : undefined;
    const result = validateAgents({
      profile: profile ?? 'national',
      decisionDate: decisionDateOf(v.hearingAt, job.activatedAt),
      agents: v.agents,
      headAppears: headAppearsOf(v),
      headAvailability,
      headRequired: v.headRequiredThisHearing !== false,
    });
    if (!result.valid) {
      const message = agentIssuesMessage(result.issues);
      // the plan form that comes back shows them (variables set with the error: no mapping on the boundary event)
      throw new RuleError(AGENTS_INVALID, message, { issues: result.issues, variables: { agentsError: message, agentsIssues: result.issues } });
    }
    // agentsCount 0: the head appears alone, the diagram makes no power of attorney
    return { agentsValid: true, agentsCount: (v.agents as unknown[]).length, agentsRulesChecked: result.rulesChecked.map((r) => ({ code: r.code, text: r.text, source: r.source })) };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = validateAgentsWorker;
