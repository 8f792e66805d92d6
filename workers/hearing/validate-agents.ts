// hearing.validate-agents: checks the agents (委托代理人) chosen in the form: 1–2, at least one staff
// member, never only lawyers (Jinghai: nor only part-time legal advisers) per profile. Invalid → BPMN
// error AGENTS_INVALID with the Chinese message (variable ruleError.message), so the diagram routes
// back to the form; valid → agentsValid true and the rules checked. Whether the head appears comes from
// the plan's headAvailability ("available") unless headAppears is given.
import { z } from 'zod';
import { RuleError } from '../../src/errors.ts';
import { agentIssuesMessage, headAppearsOf, validateAgents } from '../../src/hearing/agents.ts';
import { decisionDateOf } from '../../src/policy-sources/profiles.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { profileOf } from '../../src/cases/case-profile-read-model.ts';

export const AGENTS_INVALID = 'AGENTS_INVALID';

const Variables = z.looseObject({
  caseId: z.uuid().optional(),
  /** the agency's profile; read from the case when absent */
  profile: z.string().optional(),
  agents: z.array(z.unknown(), { message: '缺少委托代理人列表 agents' }),
  headAppears: z.boolean().optional(),
  /** the appearance plan's answer: "available" (the head appears) or "unable" */
  headAvailability: z.unknown().optional(),
  hearingAt: z.string().optional(),
});

export const validateAgentsWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'hearing.validate-agents',
  description: '校验出庭委托代理人（1至2名、至少1名工作人员、不得仅委托律师）/ validate the hearing agents',
  variables: Variables,
  fetchVariables: ['caseId', 'profile', 'agents', 'headAppears', 'headAvailability', 'hearingAt'],
  async handle(job, { db }) {
    const v = job.variables;
    let profile = v.profile;
    if (!profile && v.caseId) profile = await profileOf(db, v.caseId);
    const result = validateAgents({ profile: profile ?? 'national', decisionDate: decisionDateOf(v.hearingAt, job.activatedAt), agents: v.agents, headAppears: headAppearsOf(v) });
    if (!result.valid) {
      const message = agentIssuesMessage(result.issues);
      // the plan form that comes back shows them (variables set with the error: no mapping on the boundary event)
      throw new RuleError(AGENTS_INVALID, message, { issues: result.issues, variables: { agentsError: message, agentsIssues: result.issues } });
    }
    return { agentsValid: true, agentsRulesChecked: result.rulesChecked.map((r) => ({ code: r.code, text: r.text, source: r.source })) };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = validateAgentsWorker;
