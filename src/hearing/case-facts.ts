// Reads the facts the hearing rules need from the case ledger (cases, case_parties, case_events and
// the case's profile read model), so a worker or the case API can decide who appears from a case id
// alone. Read-only.
import { caseProfileOf } from '../cases/case-profile-read-model.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { AppearanceFacts, PartyType } from './head-appearance.ts';
import { PARTY_TYPES } from './head-appearance.ts';

const partyType = (t: string): PartyType => ((PARTY_TYPES as readonly string[]).includes(t) ? (t as PartyType) : 'organization');

/** The appearance facts of a stored case; `overrides` (e.g. a court notice in the job variables) win. */
export async function loadAppearanceFacts(db: Db, caseId: string, decisionDate: string): Promise<{ facts: AppearanceFacts }> {
  const caseProfile = await caseProfileOf(db, caseId);
  if (!caseProfile) throw new NotFoundError('案件', caseId);
  const row = await db('cases').where({ id: caseId }).first('plaintiff_count', 'claim_amount', 'flags', 'reconsideration_status', 'reconsideration_organ_id');
  const parties = await db('case_parties').where({ case_id: caseId }).orderBy('position').select('role', 'name', 'type', 'agency_id');
  const flags = (row.flags ?? {}) as Record<string, unknown>;
  const bool = (k: string) => flags[k] === true;
  const coDefendants = parties.filter((p) => p.role === 'co-defendant' && p.type === 'agency');
  const isOrgan = row.reconsideration_organ_id && row.reconsideration_organ_id === caseProfile.agencyId;
  const facts: AppearanceFacts = {
    profile: caseProfile.profile,
    decisionDate,
    level: ['first', 'second', 'retrial'].includes(caseProfile.level) ? caseProfile.level : 'first',
    plaintiffs: parties.filter((p) => p.role === 'plaintiff').map((p) => ({ name: p.name, type: partyType(p.type) })),
    plaintiffCount: Number(row.plaintiff_count),
    thirdParties: parties.filter((p) => p.role === 'third-party').map((p) => ({ name: p.name, type: partyType(p.type) })),
    claimAmount: row.claim_amount === null || row.claim_amount === undefined ? null : Number(row.claim_amount),
    flags: {
      majorPublicInterest: bool('majorPublicInterest'),
      highAttention: bool('highAttention'),
      massIncidentRisk: bool('massIncidentRisk'),
      procuratorate: bool('procuratorate'),
      majorComplex: bool('majorComplex'),
      enterpriseRelated: bool('enterpriseRelated'),
      majorEnforcementImpact: bool('majorEnforcementImpact'),
      justiceBureauRequiresPrincipalHead: bool('justiceBureauRequiresPrincipalHead'),
      legalAffairsDesignated: bool('legalAffairsDesignated'),
      helpsFactFinding: bool('helpsFactFinding'),
    },
    courtNoticeHead: bool('courtNoticeHead'),
    courtNoticePrincipalHead: bool('principalHeadRequired') || bool('courtNoticePrincipalHead'),
    otherPrincipalHeadReason: typeof flags.otherPrincipalHeadReason === 'string' ? flags.otherPrincipalHeadReason : '',
    reconsideration: ['none', 'organ-sole-defendant', 'organ-co-defendant'].includes(row.reconsideration_status) ? row.reconsideration_status : 'none',
    agencyRole: isOrgan ? 'reconsideration-organ' : 'original-agency',
    // the case's own agency plus the agencies listed as co-defendants that made the original act
    originalAgencyDefendants: 1 + coDefendants.filter((p) => p.agency_id !== row.reconsideration_organ_id).length,
  };
  return { facts };
}

/** Whether a hearing key belongs to the instance (审级) `level`: the level's first hearing is the level itself, later ones level_n. */
export const hearingKeyOfLevel = (hearingKey: unknown, level: string) => typeof hearingKey === 'string' && (hearingKey === level || hearingKey.startsWith(`${level}_`));

/**
 * Whether a head appeared at an earlier hearing of the instance `level` than the hearing `hearingKey`,
 * from the ledger's hearing-held events (法释〔2020〕3号 Art. 7: one appearance per instance).
 */
export async function headAppearedEarlierInInstance(db: Db, caseId: string, level: string, hearingKey: unknown): Promise<boolean> {
  const held = await db('case_events').where({ case_id: caseId, type: 'hearing-held' }).select('payload');
  return held.some((e) => {
    const p = (e.payload ?? {}) as Record<string, unknown>;
    return p.headAppeared === true && p.hearingKey !== hearingKey && hearingKeyOfLevel(p.hearingKey, level);
  });
}
