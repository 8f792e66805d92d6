// cases.assign-responding-units: applies the assignment matrix (rules catalog A07–A10,
// src/cases/responding-units.ts) to the case in the ledger and stores the units with what each
// defends. When the matrix cannot decide (A08) it says so and the diagram asks the justice bureau;
// the bureau's choice comes back as leadAgencyId. Keyed by job key.
import { z } from 'zod';
import { InputError } from '../../src/errors.ts';
import { getCaseRow, listAgencies } from '../../src/cases/case-read-model.ts';
import { saveRespondingUnits } from '../../src/cases/case-store.ts';
import { AssignmentInputError, assignRespondingUnits, DEFENDS_LABELS, townshipRuleCitation, type ReconsiderationStatus } from '../../src/cases/responding-units.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  leadAgencyId: z.uuid().optional().nullable(),
});

export const assignUnits: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'cases.assign-responding-units',
  description: '按复议情况和共同被告确定应诉承办单位 / assign the responding unit(s)',
  variables: Variables,
  fetchVariables: ['caseId', 'leadAgencyId'],
  async handle(job, { db }) {
    const row = await getCaseRow(db, job.variables.caseId);
    const agencies = await listAgencies(db);
    const coDefendants = await db('case_parties').where({ case_id: row.id, role: 'co-defendant' }).whereNotNull('agency_id').pluck('agency_id');
    let assignment;
    try {
      assignment = assignRespondingUnits(agencies, {
        defendantAgencyId: row.agency_id,
        actAgencyId: row.act_agency_id,
        reconsideration: { status: row.reconsideration_status as ReconsiderationStatus, organAgencyId: row.reconsideration_organ_id },
        coDefendantAgencyIds: coDefendants,
        leadAgencyId: job.variables.leadAgencyId ?? row.lead_agency_id,
      });
    } catch (error) {
      if (error instanceof AssignmentInputError) throw new InputError([{ field: error.field, message: error.message }]);
      throw error;
    }
    if (!assignment.needsDecision) await saveRespondingUnits(db, row.id, assignment.units, job.key, job.processInstanceKey);
    return {
      respondingUnits: assignment.units.map((u) => ({ agencyId: u.agencyId, agencyName: u.agencyName, role: u.role, defends: u.defends, defendsLabel: DEFENDS_LABELS[u.defends], explanation: u.explanation })),
      respondingUnitNames: assignment.units.map((u) => `${u.agencyName}（${DEFENDS_LABELS[u.defends]}）`).join('；'),
      assignmentNeedsDecision: assignment.needsDecision,
      assignmentDecisionReason: assignment.decisionReason,
      // A08: the justice bureau proposes; A09: a town / street office decides itself (its legal-affairs staff)
      assignmentDecisionGroup: assignment.decidedBy === 'defendant' ? 'legal-affairs' : 'justice-bureau',
      // A09: the town / street office names its own responding office (task reg_office)
      townshipDefendant: assignment.designatesOwnOffice,
      // the form cites the agency's own policy, not another jurisdiction's
      townshipRuleText: townshipRuleCitation(agencies.find((a) => a.id === row.agency_id)?.profile ?? 'national'),
      // options of the justice bureau's form (assignment-decision: select with valuesKey)
      candidateLeadAgencyOptions: assignment.needsDecision ? assignment.units.map((u) => ({ label: u.agencyName, value: u.agencyId })) : [],
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = assignUnits;
