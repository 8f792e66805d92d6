// Which procedural steps of part 1 a case takes under its jurisdiction profile (pure, no IO).
// The diagrams' gateways read the variables this returns, so a profile without a rule skips the
// step. Where the deadline engine has the rule (a deadline key), this follows it; the one ordering
// rule without a period (Liaocheng: file before submitting the answer) is kept here, cited.
import { rulesInForce, requireProfile } from '../deadlines/engine.ts';

export type FilingTiming = 'after-receipt' | 'before-answer' | 'after-answer' | 'none';

export interface CaseFlags {
  majorPublicInterest?: boolean;
  highAttention?: boolean;
  massIncidentRisk?: boolean;
  procuratorate?: boolean;
  majorComplex?: boolean;
}

export interface ProcedureRules {
  justiceBureauFiling: FilingTiming;
  justiceBureauFilingRule: string | null;
  /** A11: report major / complex / high-attention / mass-incident cases to the same-level government */
  majorCaseReportRequired: boolean;
  majorCaseReasons: string[];
  majorCaseReportRule: string | null;
  /** C05: collective study (集体研究) of the answer for major or complex cases */
  collectiveStudyRequired: boolean;
  /** B05 (Jinghai): a case analysis meeting when a risk of losing is found */
  caseAnalysisMeetingOnRisk: boolean;
  /** B04 (Liaocheng): a written risk report 3 working days before the answer is due */
  riskReportOnRisk: boolean;
  /**
   * C02 (Jinghai): the 10-day answer preparation binds cases against the district government (missed:
   * 督办); departments and towns "可以参照" it (missed: a reminder). False where there is no such period.
   */
  answerPreparationBinding: boolean;
  answerPreparationRule: string | null;
  /**
   * D06 (Hunan): in a case where the head must appear, the legal-affairs body proposes the head within
   * the answer period and the principal head decides
   */
  headCandidateProposal: boolean;
  headCandidateRule: string | null;
  /** A01: who receives and registers the court's papers — the candidate group of the registration task */
  registrationGroup: 'clerk' | 'legal-affairs';
  registrationRule: string;
}

/** The defendant agency, as the ledger records it (agencies.kind / level). */
export interface Defendant {
  kind: string;
  level: string;
}

const LC = '聊城市行政应诉工作管理办法';

/** The cases LC Art. 43 para 3 lists for the major-case report (对重大复杂、社会关注度高、可能引发群体性事件等行政案件). */
export const MAJOR_CASE_REPORT_TRIGGERS: readonly { flag: keyof CaseFlags; text: string }[] = [
  { flag: 'majorComplex', text: '重大复杂' },
  { flag: 'highAttention', text: '社会关注度高' },
  { flag: 'massIncidentRisk', text: '可能引发群体性事件' },
];

/** Ordering rules that have no period, by profile (the deadline engine has every rule with one). */
const FILING_WITHOUT_PERIOD: Record<string, { timing: FilingTiming; rule: string }> = {
  liaocheng: { timing: 'before-answer', rule: `002_963c834d180c3dcb.txt 第十三条第一款、第二款（${LC}）：答辩状、证据目录报同级司法行政机关备案后提交法院（C04）` },
};

export function procedureRules(profileId: string, onDate: string, flags: CaseFlags, defendant?: Defendant): ProcedureRules {
  const profile = requireProfile(profileId);
  const ruleIds = new Set(rulesInForce(profile, onDate).map((r) => r.rule.id));
  let filing: { timing: FilingTiming; rule: string | null } = { timing: 'none', rule: null };
  if (ruleIds.has('justice-bureau-filing')) filing = { timing: 'after-receipt', rule: '003_0e14abe5e5e19f52.txt 二、（四）（滕州市通知）：收到诉讼文书、裁判文书后5个工作日内将起诉状、应诉通知书、答辩状、负责人出庭情况、判决书或裁定书扫描件报市司法局备案（A05）' };
  else if (ruleIds.has('post-answer-filing')) filing = { timing: 'after-answer', rule: '004_b8935aaaa4c0ff62.txt 一、（二）2（静海区实施方案）：提交答辩状后5日内报区司法局备案（C03）' };
  else if (FILING_WITHOUT_PERIOD[profile.id] && profileInForce(profile.id, ruleIds)) filing = FILING_WITHOUT_PERIOD[profile.id]!;

  // A11 is stated by Liaocheng only (LC Art. 43 para 3), for the cases it lists; the public-interest
  // and procuratorate flags trigger other rules (head appearance, collective study), not this report
  const reportsMajorCases = profile.id === 'liaocheng' && profileInForce(profile.id, ruleIds);
  const reasons = reportsMajorCases ? MAJOR_CASE_REPORT_TRIGGERS.filter((t) => flags[t.flag]).map((t) => t.text) : [];
  return {
    justiceBureauFiling: filing.timing,
    justiceBureauFilingRule: filing.rule,
    majorCaseReportRequired: reasons.length > 0,
    majorCaseReasons: reasons,
    majorCaseReportRule: reasons.length ? `002_963c834d180c3dcb.txt 第四十三条第三款（${LC}）：本案${reasons.join('、')}，应诉机关或行政应诉承办单位应当主动及时向本级人民政府报告（A11）` : null,
    // HN §3(1) (C05) states it; the product applies it everywhere as good practice (YT §2(3) 完善报批程序)
    collectiveStudyRequired: Boolean(flags.majorComplex || flags.majorPublicInterest || flags.massIncidentRisk),
    caseAnalysisMeetingOnRisk: profile.id === 'jinghai',
    riskReportOnRisk: ruleIds.has('risk-report'),
    ...answerPreparation(ruleIds, defendant),
    ...registration(profile.id),
    ...headCandidate(profile.id, flags),
  };
}

/**
 * HN 四、（二）: 行政机关负责人应当出庭应诉的案件 — per HN 四、（一） those of major public interest, high
 * public attention or possible mass incidents (a court's written recommendation comes later, at the hearing).
 */
function headCandidate(profileId: string, flags: CaseFlags): Pick<ProcedureRules, 'headCandidateProposal' | 'headCandidateRule'> {
  const mustAppear = Boolean(flags.majorPublicInterest || flags.highAttention || flags.massIncidentRisk);
  return profileId === 'hunan' && mustAppear
    ? { headCandidateProposal: true, headCandidateRule: '001_43aff403179c4a24.txt 四、（二）（湖南省实施意见）：应诉机构应当在答辩举证期限内，根据“谁分管谁出庭、谁决策谁出庭”的原则提出建议人选，报行政机关正职负责人决定（D06）' }
    : { headCandidateProposal: false, headCandidateRule: null };
}

/**
 * A01: Hunan gives receipt and registration of the court's papers to the legal-affairs body
 * (HN 二: 诉讼文书由法制工作机构负责接收和登记); elsewhere the agency's office (LC Art. 8–9, JH 一、（二）1).
 */
function registration(profileId: string): Pick<ProcedureRules, 'registrationGroup' | 'registrationRule'> {
  return profileId === 'hunan'
    ? { registrationGroup: 'legal-affairs', registrationRule: '001_43aff403179c4a24.txt 二（湖南省实施意见）：人民法院向行政机关发送的行政应诉通知、起诉状副本、传票、裁判文书等诉讼文书由法制工作机构负责接收和登记（A01）' }
    : { registrationGroup: 'clerk', registrationRule: '由本机关办公室（收发）统一接收、登记法院送达的诉讼文书（A01）' };
}

/** JH §1(2)2: "以区人民政府为被告的案件……10日内完成答辩准备工作……并向区人民政府领导同志书面报告"; others "可以参照". */
function answerPreparation(ruleIds: Set<string>, defendant?: Defendant): Pick<ProcedureRules, 'answerPreparationBinding' | 'answerPreparationRule'> {
  if (!ruleIds.has('answer-preparation')) return { answerPreparationBinding: false, answerPreparationRule: null };
  const source = '004_b8935aaaa4c0ff62.txt 一、（二）2（静海区实施方案）';
  return defendant?.kind === 'government'
    ? { answerPreparationBinding: true, answerPreparationRule: `${source}：以区人民政府为被告的案件，收到答辩通知书及起诉状副本（上诉状副本）之日起10日内完成答辩准备工作，制作法定代表人证明、授权委托书，并向区人民政府领导同志书面报告（C02）` }
    : { answerPreparationBinding: false, answerPreparationRule: `${source}：以各乡镇（街道）、各部门为被告的案件，可以参照区人民政府10日答辩准备时限（C02）；逾期提醒，不督办` };
}

/** A profile's own rules are in force on the date (Liaocheng's expire 2027-01-31, LC Art. 50). */
function profileInForce(profileId: string, ruleIds: Set<string>): boolean {
  if (profileId === 'liaocheng') return ruleIds.has('registration');
  return true;
}
