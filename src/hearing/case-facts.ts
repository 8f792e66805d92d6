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

/** Stages that open a new trial instance (审级) of the case when the case enters them. */
const INSTANCE_STAGES = ['second-instance', 'retrial'];

interface LedgerEvent {
  type: string;
  payload: Record<string, unknown> | null;
}

/**
 * Whether a stage change opens a new trial instance: the case enters second instance or a retrial
 * (from another stage), or its level changes. A retrial — even before the same court, or a second
 * instance of a retrial — is a new instance, whatever the court level.
 */
export function opensInstance(payload: Record<string, unknown> | null): boolean {
  const from = (payload?.from ?? {}) as Record<string, unknown>;
  const to = (payload?.to ?? {}) as Record<string, unknown>;
  const entersTrial = typeof to.stage === 'string' && INSTANCE_STAGES.includes(to.stage) && to.stage !== from.stage;
  const levelChanges = typeof to.level === 'string' && to.level !== from.level;
  return entersTrial || levelChanges;
}

/**
 * Pure part of headAppearedEarlierInInstance, over the case's events in ledger order: a head appeared
 * at another hearing of the current trial instance — recorded after the stage change that opened it
 * (hearings are recorded before the next instance opens), and of the same level's hearing keys.
 */
export function headAppearedInInstanceOf(events: readonly LedgerEvent[], level: string, hearingKey: unknown): boolean {
  const opened = events.findLastIndex((e) => e.type === 'stage-changed' && opensInstance(e.payload));
  return events.slice(opened + 1).some((e) => {
    if (e.type !== 'hearing-held') return false;
    const p = e.payload ?? {};
    return p.headAppeared === true && p.hearingKey !== hearingKey && hearingKeyOfLevel(p.hearingKey, level);
  });
}

/**
 * Whether a head appeared at an earlier hearing of the current trial instance than the hearing
 * `hearingKey`, from the ledger's hearing-held events (法释〔2020〕3号 Art. 7: one appearance per
 * instance). An instance is one trial (first instance, second instance, a retrial), not a court level.
 */
export async function headAppearedEarlierInInstance(db: Db, caseId: string, level: string, hearingKey: unknown): Promise<boolean> {
  const events: LedgerEvent[] = await db('case_events').where({ case_id: caseId }).whereIn('type', ['hearing-held', 'stage-changed']).orderBy('id').select('type', 'payload');
  return headAppearedInInstanceOf(events, level, hearingKey);
}

/** The head the principal head decided would appear (Hunan 四（二）), from the ledger's head-candidate-decided payload. */
export interface DecidedHead {
  name: string;
  post: string;
}

/**
 * Who was decided: the proposed candidate when the decision approved the proposal, else the other head
 * named in the decision; null when the decision names nobody.
 */
export function decidedHeadOf(payload: Record<string, unknown> | null | undefined): DecidedHead | null {
  if (!payload) return null;
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const approved = payload.decision === 'approve';
  const name = text(payload.decidedName) || (approved ? text(payload.proposedName) : '');
  const post = text(payload.decidedPost) || (approved ? text(payload.proposedPost) : '');
  return name ? { name, post } : null;
}

/**
 * The appearance plan's prefill from the case: the head decided in the answer period (the latest
 * head-candidate-decided event), as the plan form's fields (headName, headPost) and the names its text
 * shows (decidedHeadName, decidedHeadPost). Empty when no head was decided, so nothing is overwritten.
 */
export async function appearancePlanPrefill(db: Db, caseId: string): Promise<Record<string, string>> {
  const event = await db('case_events').where({ case_id: caseId, type: 'head-candidate-decided' }).orderBy('id', 'desc').first('payload');
  return planPrefillOf(decidedHeadOf(event?.payload));
}

/** Pure part of appearancePlanPrefill: the plan form's variables for a decided head (none without one). */
export function planPrefillOf(head: DecidedHead | null): Record<string, string> {
  return head ? { headName: head.name, headPost: head.post, decidedHeadName: head.name, decidedHeadPost: head.post } : {};
}
