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
}

const LC = '聊城市行政应诉工作管理办法';

/** Ordering rules that have no period, by profile (the deadline engine has every rule with one). */
const FILING_WITHOUT_PERIOD: Record<string, { timing: FilingTiming; rule: string }> = {
  liaocheng: { timing: 'before-answer', rule: `002_963c834d180c3dcb.txt 第十三条第一款、第二款（${LC}）：答辩状、证据目录报同级司法行政机关备案后提交法院（C04）` },
};

export function procedureRules(profileId: string, onDate: string, flags: CaseFlags): ProcedureRules {
  const profile = requireProfile(profileId);
  const ruleIds = new Set(rulesInForce(profile, onDate).map((r) => r.rule.id));
  let filing: { timing: FilingTiming; rule: string | null } = { timing: 'none', rule: null };
  if (ruleIds.has('justice-bureau-filing')) filing = { timing: 'after-receipt', rule: '003_0e14abe5e5e19f52.txt 二、（四）（滕州市通知）：收到诉讼文书、裁判文书后5个工作日内将起诉状、应诉通知书、答辩状、负责人出庭情况、判决书或裁定书扫描件报市司法局备案（A05）' };
  else if (ruleIds.has('post-answer-filing')) filing = { timing: 'after-answer', rule: '004_b8935aaaa4c0ff62.txt 一、（二）2（静海区实施方案）：提交答辩状后5日内报区司法局备案（C03）' };
  else if (FILING_WITHOUT_PERIOD[profile.id] && profileInForce(profile.id, ruleIds)) filing = FILING_WITHOUT_PERIOD[profile.id]!;

  const reasons: string[] = [];
  if (flags.majorComplex) reasons.push('重大复杂');
  if (flags.highAttention) reasons.push('社会关注度高');
  if (flags.massIncidentRisk) reasons.push('可能引发群体性事件');
  if (flags.majorPublicInterest) reasons.push('涉及重大公共利益');
  if (flags.procuratorate) reasons.push('检察机关提起的公益诉讼');
  // A11 is stated by Liaocheng only (LC Art. 43 para 3)
  const reportsMajorCases = profile.id === 'liaocheng' && profileInForce(profile.id, ruleIds);
  return {
    justiceBureauFiling: filing.timing,
    justiceBureauFilingRule: filing.rule,
    majorCaseReportRequired: reportsMajorCases && reasons.length > 0,
    majorCaseReasons: reasons,
    majorCaseReportRule: reportsMajorCases ? `002_963c834d180c3dcb.txt 第四十三条第三款（${LC}）：重大复杂、社会关注度高或者可能引发群体性事件的案件主动及时向同级人民政府报告（A11）` : null,
    // HN §3(1) (C05) states it; the product applies it everywhere as good practice (YT §2(3) 完善报批程序)
    collectiveStudyRequired: Boolean(flags.majorComplex || flags.majorPublicInterest || flags.massIncidentRisk),
    caseAnalysisMeetingOnRisk: profile.id === 'jinghai',
    riskReportOnRisk: ruleIds.has('risk-report'),
  };
}

/** A profile's own rules are in force on the date (Liaocheng's expire 2027-01-31, LC Art. 50). */
function profileInForce(profileId: string, ruleIds: Set<string>): boolean {
  if (profileId === 'liaocheng') return ruleIds.has('registration');
  return true;
}
