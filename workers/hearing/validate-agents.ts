// hearing.validate-agents: checks the agents (委托代理人) chosen in the form: none or 1–2 when the head
// appears, 1–2 when no head appears; at least one staff member, never only lawyers (Jinghai: nor only
// part-time legal advisers) per profile; and "not-required" only when this hearing demands no head
// (headRequiredThisHearing false, 法释〔2020〕3号 Art. 7). Invalid → BPMN error AGENTS_INVALID with the
// Chinese message (variable ruleError.message), so the diagram routes back to the form; valid →
// agentsValid true and the rules checked. Whether the head appears comes from the plan's
// headAvailability ("available") unless headAppears is given. The head who appears must be a head of
// the defendant agency (D01, src/hearing/head-eligibility.ts): the ledger's people decide, and a
// staff member, the head of a lower agency or an unknown name comes back as an issue on headName.
import { z } from 'zod';
import { RuleError } from '../../src/errors.ts';
import { HEAD_AVAILABILITIES, agentIssuesMessage, headAppearsOf, validateAgents } from '../../src/hearing/agents.ts';
import { decisionDateOf } from '../../src/policy-sources/profiles.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';
import { profileOf } from '../../src/cases/case-profile-read-model.ts';
import { headEligibilityIssue, headScopeRule, type LedgerPerson } from '../../src/hearing/head-eligibility.ts';
import type { Db } from '../../src/db/database.ts';

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
  /** the head the plan names (负责人姓名) */
  headName: z.string().optional().nullable(),
  /** acts beyond general authority the plan expects at this hearing (form field expectedActs) */
  expectedActs: z.array(z.unknown()).optional().nullable(),
});

/** The people of the ledger named so, with their agency and roles (the head check needs no one else). */
async function peopleNamed(db: Db, name: string): Promise<LedgerPerson[]> {
  const rows = await db('people as p')
    .join('agencies as a', 'a.id', 'p.agency_id')
    .leftJoin('person_roles as r', 'r.person_id', 'p.id')
    .where('p.name', name)
    .groupBy('p.id', 'a.id')
    .select('p.name', 'p.post', 'p.kind', 'p.agency_id', 'a.name as agency_name', db.raw("coalesce(array_agg(r.role) filter (where r.role is not null), '{}') as roles"));
  return rows.map((r: any) => ({ name: r.name, post: r.post, kind: r.kind, agencyId: r.agency_id, agencyName: r.agency_name, roles: r.roles }));
}

export const validateAgentsWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'hearing.validate-agents',
  description: '校验出庭委托代理人（负责人出庭的可不委托或委托1至2名，不出庭的1至2名；至少1名工作人员、不得仅委托律师）/ validate the hearing agents',
  variables: Variables,
  fetchVariables: ['caseId', 'profile', 'agents', 'headAppears', 'headAvailability', 'hearingAt', 'headRequiredThisHearing', 'headName', 'expectedActs'],
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
      expectedActs: v.expectedActs ?? [],
    });
    const issues = [...result.issues];
    const rulesChecked = [...result.rulesChecked];
    // D01: the head who appears is a head of the defendant agency
    const headName = v.headName?.trim();
    if (v.caseId && headName && headAppearsOf(v)) {
      const agencyId = (await db('cases').where({ id: v.caseId }).first('agency_id'))?.agency_id;
      if (agencyId) {
        rulesChecked.push(headScopeRule(profile ?? 'national'));
        const issue = headEligibilityIssue({ profile: profile ?? 'national', agencyId, headName, people: await peopleNamed(db, headName) });
        if (issue) issues.unshift(issue);
      }
    }
    if (issues.length) {
      const message = agentIssuesMessage(issues);
      // the plan form that comes back shows them (variables set with the error: no mapping on the boundary event)
      throw new RuleError(AGENTS_INVALID, message, { issues, variables: { agentsError: message, agentsIssues: issues } });
    }
    // agentsCount 0: the head appears alone, the diagram makes no power of attorney
    return { agentsValid: true, agentsCount: (v.agents as unknown[]).length, agentsRulesChecked: rulesChecked.map((r) => ({ code: r.code, text: r.text, source: r.source })) };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = validateAgentsWorker;
