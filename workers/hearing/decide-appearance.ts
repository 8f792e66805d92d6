// hearing.decide-appearance: who must appear in court (负责人 / 主要负责人) for the case, with the
// reasons and their sources. Facts come from the ledger (caseId) unless given in the variables; a
// court notice in the variables (courtNoticeHead, courtNoticePrincipalHead) adds to the stored flags.
// Also outputs the flat inputs of the DMN decision head-appearance-principal (no nulls), so a business
// rule task after this one evaluates the analysts' table on the same facts; the reasons as one line for
// the appearance-plan form (headAppearanceReasonsText); and, as the first hearing-specific step of
// 出庭应诉, which hearing this is (hearingKey, src/hearing/hearing-key.ts) and the count of the level's
// next hearing for the case life cycle (nextHearingNumber). Whether this hearing demands a head at all
// (headRequiredThisHearing): not when a head already appeared at an earlier hearing of the instance
// (ledger hearing-held) and the court has not asked for one at this hearing (courtNoticeHead or
// courtNoticePrincipalHead in the variables), 法释〔2020〕3号 Art. 7. And the appearance plan's prefill
// from the case: the head decided in the answer period (Hunan 四（二）: headName, headPost,
// decidedHeadName, decidedHeadPost), only when one was decided.
import { z } from 'zod';
import { appendCaseEvent } from '../../src/ledger/case-events.ts';
import { appearancePlanPrefill, headAppearedEarlierInInstance, loadAppearanceFacts } from '../../src/hearing/case-facts.ts';
import { decideHeadAppearance, type AppearanceFacts } from '../../src/hearing/head-appearance.ts';
import { courtRequiresPrincipalHead, hearingKeyOf, nextHearingNumberOf } from '../../src/hearing/hearing-key.ts';
import { reasonsText } from '../../src/policy-sources/citations.ts';
import { decisionDateOf } from '../../src/policy-sources/profiles.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

const Variables = z.looseObject({
  caseId: z.uuid({ message: 'caseId 应为案件的 UUID' }),
  /** the hearing date (date or date-time): picks the profile version in force; default today */
  hearingAt: z.string().optional(),
  /** the court's notice for this hearing that a head appear (hearing-scheduled / head-appearance-notice); null: none */
  courtNoticeHead: z.boolean().optional().nullable(),
  /** the court requires the principal head: true only for true; null (a missing principalHeadRequiredByCourt mapped here) is false */
  courtNoticePrincipalHead: z.unknown().optional(),
  /** the court notice as an object {principalHeadRequired} (callers before principalHeadRequiredByCourt): still honoured */
  courtNotice: z.unknown().optional(),
  /** this hearing: a given key, else from the level and the life cycle's count of its hearings */
  hearingKey: z.union([z.string(), z.number()]).optional().nullable(),
  level: z.unknown().optional(),
  hearingNumber: z.unknown().optional(),
  otherPrincipalHeadReason: z.string().optional(),
  /** facts that override the stored case (e.g. from a form); same shape as AppearanceFacts */
  appearanceFacts: z.record(z.string(), z.unknown()).optional(),
});

export const decideHeadAppearanceWorker: WorkerModule<z.infer<typeof Variables>> = {
  jobType: 'hearing.decide-appearance',
  description: '确定出庭应诉负责人（负责人 / 主要负责人）及理由 / decide who must appear in court',
  variables: Variables,
  fetchVariables: ['caseId', 'hearingAt', 'courtNoticeHead', 'courtNoticePrincipalHead', 'courtNotice', 'otherPrincipalHeadReason', 'appearanceFacts', 'hearingKey', 'level', 'hearingNumber'],
  async handle(job, { db }) {
    const v = job.variables;
    const decisionDate = decisionDateOf(v.hearingAt, job.activatedAt);
    const { facts } = await loadAppearanceFacts(db, v.caseId, decisionDate);
    const courtNoticePrincipalHead = v.courtNoticePrincipalHead === undefined && v.courtNotice === undefined ? undefined : courtRequiresPrincipalHead(v.courtNoticePrincipalHead, v.courtNotice);
    const hearingKey = hearingKeyOf(v);
    const level = typeof v.level === 'string' ? v.level : String(facts.level ?? 'first');
    // only this hearing's notice counts as the court asking again (the case's stored flag is older)
    const courtAsksHeadThisHearing = v.courtNoticeHead === true || courtNoticePrincipalHead === true;
    const merged: AppearanceFacts = {
      ...facts,
      ...(v.appearanceFacts as Partial<AppearanceFacts> | undefined),
      ...(v.courtNoticeHead !== undefined ? { courtNoticeHead: v.courtNoticeHead || Boolean(facts.courtNoticeHead) } : {}),
      ...(courtNoticePrincipalHead !== undefined ? { courtNoticePrincipalHead: courtNoticePrincipalHead || Boolean(facts.courtNoticePrincipalHead) } : {}),
      ...(v.otherPrincipalHeadReason ? { otherPrincipalHeadReason: v.otherPrincipalHeadReason } : {}),
      decisionDate,
      headAppearedEarlierInInstance: await headAppearedEarlierInInstance(db, v.caseId, level, hearingKey),
      courtAsksHeadThisHearing,
    };
    const decision = decideHeadAppearance(merged);
    const { dmnInputs, ...headAppearance } = decision;
    await appendCaseEvent(db, {
      caseId: v.caseId,
      type: 'head-appearance-decided',
      payload: { required: decision.required, headRequired: decision.headRequired, hearingKey, reasons: decision.reasons.map((r) => ({ code: r.code, text: r.text, source: r.source })), decisionDate },
      actor: `worker:${job.type}`,
      sourceJobKey: job.key,
      processInstanceKey: job.processInstanceKey,
    });
    return {
      headAppearanceRequired: decision.required,
      principalHeadRequired: decision.required === 'principal-head',
      headRequiredThisHearing: decision.headRequired,
      headAppearance,
      headAppearanceReasonsText: reasonsText(decision.reasons),
      hearingKey,
      nextHearingNumber: nextHearingNumberOf(v.hearingNumber),
      // Hunan: the head the principal head decided in the answer period fills the plan's head fields
      ...(await appearancePlanPrefill(db, v.caseId)),
      ...dmnInputs,
    };
  },
};

export const { jobType, description, variables, fetchVariables, handle } = decideHeadAppearanceWorker;
