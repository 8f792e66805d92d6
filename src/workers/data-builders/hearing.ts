// Data builders of processes/hearing.bpmn (出庭应诉): the document, notification and ledger data of
// the tasks whose FEEL mapping took logic (the hearing date cut from hearingAt, a choice of head,
// the agents reshaped, `x = true`). Each reproduces the FEEL it replaced, null for null, and is
// proven against it in test/unit/processes/declared-data-hearing.test.ts.
import { variableAt, type DataBuilder, type Variables } from '../variable-values.ts';
import { isTrue, projectEach, substring } from './feel-semantics.ts';

/** The hearing date, `substring(hearingAt, 1, 10)` of the ISO date-time. */
const hearingDate = (v: Variables) => substring(variableAt(v, 'hearingAt'), 1, 10);

/** Date and clock time of the hearing: `substring(hearingAt, 1, 10)`, `substring(hearingAt, 12, 5)`. */
const hearingSchedule = (v: Variables) => ({ hearingDate: hearingDate(v), hearingTime: substring(variableAt(v, 'hearingAt'), 12, 5) });

/** `{name: <nameVariable>, post: <postVariable>}` */
const person = (v: Variables, name: string, post: string) => ({ name: variableAt(v, name), post: variableAt(v, post) });

export const hearingBuilders: Record<string, DataBuilder> = {
  /** h_summons (通知：开庭传票) */
  hearingSummons: (v) => ({
    ...hearingSchedule(v),
    requiredHead: variableAt(v, 'principalHeadRequired') === true ? '主要负责人' : '负责人',
  }),

  /** p_remind_notify (提醒：即将开庭) */
  hearingReminder: (v) => ({ ...hearingSchedule(v), reminder: true }),

  /** p_unable_notify (通知：负责人不能出庭) */
  headUnableNotice: (v) => ({
    hearingDate: hearingDate(v),
    headName: variableAt(v, 'headName'),
    reason: variableAt(v, 'absenceReasonText'),
  }),

  /** p_explanation (负责人不能出庭情况说明, document head-absence-explanation) */
  headAbsenceExplanation: (v) => ({
    head: person(v, 'headName', 'headPost'),
    hearingDate: hearingDate(v),
    reason: variableAt(v, 'explanationReason'),
    substitute: person(v, 'substituteName', 'substitutePost'),
  }),

  /** p_unable_record (ledger event head-unable-to-appear) */
  headUnableToAppear: (v) => ({
    headName: variableAt(v, 'headName'),
    absenceReason: variableAt(v, 'absenceReason'),
    reason: variableAt(v, 'absenceReasonText'),
    fallbackOption: variableAt(v, 'fallbackOption'),
    substitute: { ...person(v, 'substituteName', 'substitutePost'), isHead: isTrue(variableAt(v, 'substituteIsHead')) },
    documentId: variableAt(v, 'headAbsenceExplanationDocumentId'),
  }),

  /** p_cert (出庭应诉负责人身份证明书): the head who appears, or the substitute head */
  headAppearanceCertificate: (v) => ({
    head: variableAt(v, 'headAvailability') === 'available' ? { ...person(v, 'headName', 'headPost'), inChargeOf: variableAt(v, 'headInChargeOf') } : person(v, 'substituteName', 'substitutePost'),
    hearingDate: hearingDate(v),
  }),

  /** p_poa (授权委托书): the agents of the appearance plan's list */
  hearingPowerOfAttorney: (v) => ({ agents: projectEach(variableAt(v, 'agents'), ['name', 'post', 'employer', 'kind']) }),

  /** h_record (ledger event hearing-held) */
  hearingHeld: (v) => ({
    hearingAt: variableAt(v, 'hearingAt'),
    hearingKey: variableAt(v, 'hearingKey'),
    heldOn: variableAt(v, 'hearingHeldOn'),
    headAppearanceRequired: variableAt(v, 'headAppearanceRequired'),
    headAppeared: variableAt(v, 'headAppeared'),
    appearedHeadName: variableAt(v, 'appearedHeadName'),
    principalHeadAppeared: isTrue(variableAt(v, 'principalHeadAppeared')),
    attendees: variableAt(v, 'attendees'),
    transcriptChecked: variableAt(v, 'transcriptChecked'),
    transcriptCorrections: variableAt(v, 'transcriptCorrections'),
  }),
};
