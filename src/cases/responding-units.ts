// Who responds to a suit (应诉承办单位), rules catalog A06–A10 (pure, no IO):
//  (a) no prior reconsideration: the agency that made the act (谁行为谁应诉);
//  (b) the reconsideration organ is the sole defendant: its reconsideration / legal-affairs body;
//  (c) the organ is co-defendant: the original agency defends the original act, the organ's body
//      defends the reconsideration procedure;
//  several departments sued together: the lead department leads, the others assist (A10);
//  when the responder is unclear, the justice bureau proposes and the government decides (A08);
//  a town government or street office that is sued applies the same principles itself and names its
//  own responding office (A09): nobody above it decides for it.

export type ReconsiderationStatus = 'none' | 'organ-sole-defendant' | 'organ-co-defendant';
export type Defends = 'whole-case' | 'original-act' | 'reconsideration' | 'assist';
export type UnitRole = 'sole' | 'lead' | 'assisting' | 'co-defendant';

export interface AgencyInfo {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
  profile: string;
  /** province | city | county | township (乡镇人民政府、街道办事处) */
  level?: string;
}

export interface AssignmentInput {
  /** the sued agency that registered the case (应诉机关) */
  defendantAgencyId: string;
  /** the agency that made the act under suit */
  actAgencyId?: string | null;
  reconsideration: { status: ReconsiderationStatus; organAgencyId?: string | null };
  /** further departments sued together with the defendant (A10) */
  coDefendantAgencyIds?: string[];
  /** the lead department when several are sued (decided by the government office on the justice bureau's proposal, A08) */
  leadAgencyId?: string | null;
}

export interface RespondingUnit {
  agencyId: string;
  agencyName: string;
  role: UnitRole;
  defends: Defends;
  rule: string;
  explanation: string;
}

export interface Assignment {
  units: RespondingUnit[];
  /** A08: the matrix cannot decide (e.g. several departments and no lead); a person must */
  needsDecision: boolean;
  decisionReason: string | null;
  /** who decides when needsDecision: the justice bureau's proposal (A08), or a town / street office itself (A09) */
  decidedBy: 'justice-bureau' | 'defendant';
  /** A09: the defendant is a town government or street office, which names its own responding office (承办机构) */
  designatesOwnOffice: boolean;
}

export const DEFENDS_LABELS: Record<Defends, string> = {
  'whole-case': '被诉行政行为（全案）',
  'original-act': '原行政行为',
  reconsideration: '行政复议决定及复议程序',
  assist: '协助应诉',
};

const A07 = 'A07（烟政办发〔2017〕16号 二(二)；湘政办发〔2017〕9号 二(一)(二)；聊城市行政应诉工作管理办法 第十条、第十四条；静海区实施方案 一(一)1）';

/**
 * The body that defends a reconsideration decision for an organ: the justice bureau under a
 * government organ (LC Art. 10: 同级司法行政机关; JH: 行政复议机构, which sits in the justice bureau),
 * or the organ itself (its own legal-affairs body, YT/HN) when it is a department.
 */
export function reconsiderationResponder(agencies: readonly AgencyInfo[], organ: AgencyInfo): AgencyInfo {
  if (organ.kind === 'government') {
    const bureau = agencies.find((a) => a.parentId === organ.id && a.kind === 'justice-bureau');
    if (bureau) return bureau;
  }
  return organ;
}

export class AssignmentInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const A09 = 'A09（聊城市行政应诉工作管理办法 第十二条；静海区实施方案 一(一)2）';

/** Where the agency's own policy says a town names its own responding unit (A09), for the form's text; '' elsewhere. */
export function townshipRuleCitation(profile: string): string {
  if (profile === 'liaocheng') return '（聊城市行政应诉工作管理办法第十二条）';
  if (profile === 'jinghai') return '（静海区实施方案一、（一）2）';
  return '';
}

/** A town government or a street office (乡镇人民政府、街道办事处): an agency at township level. */
export function isTownship(agency: Pick<AgencyInfo, 'level'>): boolean {
  return agency.level === 'township';
}

export function assignRespondingUnits(agencies: readonly AgencyInfo[], input: AssignmentInput): Assignment {
  const matrix = assignByMatrix(agencies, input);
  const defendant = agencies.find((a) => a.id === input.defendantAgencyId)!;
  if (!isTownship(defendant)) return { ...matrix, decidedBy: 'justice-bureau', designatesOwnOffice: false };
  // A09 (LC Art. 12; JH 一(一)2): the town applies the same principles and decides itself
  return {
    units: matrix.units.map((u) =>
      u.agencyId === defendant.id
        ? { ...u, rule: `${u.rule}；${A09}`, explanation: `${u.explanation}；以乡镇人民政府（街道办事处）为被告，由${defendant.name}根据上述原则自行确定应诉承办机构` }
        : u,
    ),
    needsDecision: matrix.needsDecision,
    // the matrix's reason without its A08 citation (who proposes above the town)
    decisionReason: matrix.needsDecision ? `${matrix.decisionReason!.split('（')[0]}：以乡镇人民政府（街道办事处）为被告，由${defendant.name}自行确定（${A09}）` : null,
    decidedBy: 'defendant',
    designatesOwnOffice: true,
  };
}

function assignByMatrix(agencies: readonly AgencyInfo[], input: AssignmentInput): Omit<Assignment, 'decidedBy' | 'designatesOwnOffice'> {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const need = (id: string | null | undefined, field: string): AgencyInfo => {
    const a = id ? byId.get(id) : undefined;
    if (!a) throw new AssignmentInputError(field, id ? `单位 ${id} 不存在` : '缺少单位');
    return a;
  };
  const defendant = need(input.defendantAgencyId, 'agencyId');
  const actAgency = input.actAgencyId ? need(input.actAgencyId, 'actUnderSuit.madeByAgencyId') : defendant;
  const status = input.reconsideration.status;
  const unit = (a: AgencyInfo, role: UnitRole, defends: Defends, rule: string, explanation: string): RespondingUnit => ({ agencyId: a.id, agencyName: a.name, role, defends, rule, explanation });

  if (status === 'none') {
    const others = (input.coDefendantAgencyIds ?? []).filter((id) => id !== actAgency.id).map((id, i) => need(id, `coDefendantAgencyIds.${i}`));
    if (!others.length) {
      return { units: [unit(actAgency, 'sole', 'whole-case', A07, `未经复议，由作出被诉行政行为的${actAgency.name}应诉（谁行为、谁应诉）`)], needsDecision: false, decisionReason: null };
    }
    // A10: several departments are co-defendants
    const all = [actAgency, ...others];
    if (!input.leadAgencyId) {
      return {
        units: all.map((a) => unit(a, 'co-defendant', 'whole-case', 'A10（烟政办发〔2017〕16号 二(二)）', `${a.name}为共同被告之一，牵头单位待定`)),
        needsDecision: true,
        decisionReason: '多个部门为共同被告，需确定牵头应诉单位（烟政办发〔2017〕16号 二(二)；聊城市行政应诉工作管理办法 第十条第（三）项：由司法行政机关提出意见）',
      };
    }
    const lead = need(input.leadAgencyId, 'leadAgencyId');
    if (!all.some((a) => a.id === lead.id)) throw new AssignmentInputError('leadAgencyId', `牵头单位${lead.name}不在共同被告之中`);
    return {
      units: [
        unit(lead, 'lead', 'whole-case', 'A10（烟政办发〔2017〕16号 二(二)）', `多个部门为共同被告，由${lead.name}牵头应诉`),
        ...all.filter((a) => a.id !== lead.id).map((a) => unit(a, 'assisting', 'assist', 'A10（烟政办发〔2017〕16号 二(二)）', `${a.name}配合牵头单位应诉`)),
      ],
      needsDecision: false,
      decisionReason: null,
    };
  }

  if (!input.reconsideration.organAgencyId) {
    return { units: [], needsDecision: true, decisionReason: '经过行政复议但未登记复议机关，无法确定应诉承办单位（A08：由司法行政机关提出意见）' };
  }
  const organ = need(input.reconsideration.organAgencyId, 'reconsideration.organAgencyId');
  const responder = reconsiderationResponder(agencies, organ);
  const responderText = responder.id === organ.id ? `复议机关${organ.name}的法制（复议）机构` : `复议机关${organ.name}的同级司法行政机关${responder.name}`;
  if (status === 'organ-sole-defendant') {
    const units = [unit(responder, 'sole', 'reconsideration', A07, `复议机关为唯一被告（复议改变原行为），由${responderText}应诉`)];
    // YT §2(2): the legal-affairs body may ask the respondent of the reconsideration to send staff
    if (defendant.profile === 'yantai' && actAgency.id !== organ.id && actAgency.id !== responder.id) {
      units.push(unit(actAgency, 'assisting', 'assist', 'A07（烟政办发〔2017〕16号 二(二)）', `${actAgency.name}作为复议被申请人，可应要求派员协助应诉`));
    }
    return { units, needsDecision: false, decisionReason: null };
  }
  // organ-co-defendant
  if (actAgency.id === organ.id) throw new AssignmentInputError('reconsideration.organAgencyId', '复议机关作共同被告时，复议机关与作出原行政行为的单位不能相同');
  return {
    units: [
      unit(actAgency, 'co-defendant', 'original-act', A07, `复议维持、复议机关作共同被告：${actAgency.name}对原行政行为的合法性应诉`),
      unit(responder, 'co-defendant', 'reconsideration', A07, `复议维持、复议机关作共同被告：${responderText}对复议决定及复议程序的合法性应诉`),
    ],
    needsDecision: false,
    decisionReason: null,
  };
}

/**
 * A responding unit that prepares an answer of its own beside the case's main answer (答辩举证):
 * the reconsideration organ that is co-defendant answers for the legality of the reconsideration
 * decision and its procedure (湘政办发〔2017〕9号 二（二）; 行政诉讼法 26(2), 67 — the same 15-day period).
 * The answering party named in the brief is the organ; the unit that prepares it is its
 * reconsideration body (the justice bureau under a government organ, or the organ's legal-affairs body).
 */
export interface SeparateAnswer {
  /** the unit that prepares the answer: its tenant and candidate groups */
  unitAgencyId: string;
  unitAgencyName: string;
  /** the co-defendant in whose name the answer is made (答辩人): the reconsideration organ */
  answeringAgencyId: string;
  answeringAgencyName: string;
  defends: Defends;
  defendsLabel: string;
  /** who drafts and who approves in that unit (person_roles ids = candidate groups) */
  draftGroup: string;
  approvalGroup: string;
}

/**
 * The units that answer on their own, from a case's assignment: today the reconsideration organ as
 * co-defendant (unit (c) above). The original agency's answer is the case's own answer process.
 */
export function separateAnswers(agencies: readonly AgencyInfo[], units: readonly Pick<RespondingUnit, 'agencyId' | 'role' | 'defends'>[]): SeparateAnswer[] {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return units
    .filter((u) => u.role === 'co-defendant' && u.defends === 'reconsideration')
    .map((u) => {
      const unit = byId.get(u.agencyId);
      if (!unit) throw new AssignmentInputError('respondingUnits', `单位 ${u.agencyId} 不存在`);
      // a justice bureau answers for the government above it; a department organ answers for itself
      const organ = unit.kind === 'justice-bureau' && unit.parentId ? (byId.get(unit.parentId) ?? unit) : unit;
      const bureau = unit.kind === 'justice-bureau';
      return {
        unitAgencyId: unit.id,
        unitAgencyName: unit.name,
        answeringAgencyId: organ.id,
        answeringAgencyName: organ.name,
        defends: u.defends,
        defendsLabel: DEFENDS_LABELS[u.defends],
        // a justice bureau's 行政应诉 staff draft and sign off (the seed gives the bureau no heads of its own);
        // a department organ: its legal-affairs body drafts, the deputy head in charge approves
        draftGroup: bureau ? 'justice-bureau' : 'legal-affairs',
        approvalGroup: bureau ? 'justice-bureau' : 'deputy-head',
      };
    });
}
