import { describe, expect, it } from 'vitest';
import { procedureRules } from '../../../src/cases/procedure-rules.ts';
import { eventRefusal, STAGE_EVENTS } from '../../../src/cases/case-stages.ts';
import { CaseEventBody, CreateCaseBody, messageVariables } from '../../../src/cases/case-input.ts';

const none = {};

describe('procedure rules per profile', () => {
  it('files with the justice bureau after receipt (Tengzhou), before the answer (Liaocheng), after it (Jinghai), or not at all', () => {
    expect(procedureRules('tengzhou', '2026-05-06', none).justiceBureauFiling).toBe('after-receipt');
    expect(procedureRules('liaocheng', '2026-05-06', none).justiceBureauFiling).toBe('before-answer');
    expect(procedureRules('jinghai', '2026-05-06', none).justiceBureauFiling).toBe('after-answer');
    for (const p of ['national', 'yantai', 'hunan']) expect(procedureRules(p, '2026-05-06', none).justiceBureauFiling).toBe('none');
    expect(procedureRules('liaocheng', '2026-05-06', none).justiceBureauFilingRule).toContain('第十三条');
  });

  it("Liaocheng's own rules end with its validity (LC Art. 50: to 2027-01-31)", () => {
    expect(procedureRules('liaocheng', '2027-02-01', { majorComplex: true })).toMatchObject({ justiceBureauFiling: 'none', majorCaseReportRequired: false, riskReportOnRisk: false });
  });

  it('reports major cases in Liaocheng with the reasons; collective study for major or complex cases everywhere', () => {
    const lc = procedureRules('liaocheng', '2026-05-06', { highAttention: true, majorComplex: true });
    expect(lc.majorCaseReportRequired).toBe(true);
    expect(lc.majorCaseReasons).toEqual(['重大复杂', '社会关注度高']);
    expect(lc.collectiveStudyRequired).toBe(true);
    expect(procedureRules('yantai', '2026-05-06', { highAttention: true }).majorCaseReportRequired).toBe(false);
    expect(procedureRules('liaocheng', '2026-05-06', none).majorCaseReportRequired).toBe(false);
  });

  it('reports to the government only the cases LC Art. 43 para 3 lists, and cites what triggered it', () => {
    // public interest and a procuratorate suit are not in the list: other rules, no major-case report
    expect(procedureRules('liaocheng', '2026-05-06', { majorPublicInterest: true, procuratorate: true })).toMatchObject({ majorCaseReportRequired: false, majorCaseReasons: [], majorCaseReportRule: null });
    const all = procedureRules('liaocheng', '2026-05-06', { massIncidentRisk: true, procuratorate: true, majorPublicInterest: true });
    expect(all.majorCaseReasons).toEqual(['可能引发群体性事件']);
    expect(all.majorCaseReportRule).toBe('002_963c834d180c3dcb.txt 第四十三条第三款（聊城市行政应诉工作管理办法）：本案可能引发群体性事件，应诉机关或行政应诉承办单位应当主动及时向本级人民政府报告（A11）');
  });

  it('Jinghai 10-day answer preparation binds district-government cases; departments and towns may refer to it (JH §1(2)2)', () => {
    const government = procedureRules('jinghai', '2026-05-06', none, { kind: 'government', level: 'county' });
    expect(government.answerPreparationBinding).toBe(true);
    expect(government.answerPreparationRule).toContain('004_b8935aaaa4c0ff62.txt 一、（二）2');
    expect(government.answerPreparationRule).toContain('向区人民政府领导同志书面报告');
    const department = procedureRules('jinghai', '2026-05-06', none, { kind: 'department', level: 'county' });
    expect(department).toMatchObject({ answerPreparationBinding: false, answerPreparationRule: expect.stringContaining('可以参照') });
    // no such period elsewhere
    expect(procedureRules('liaocheng', '2026-05-06', none, { kind: 'government', level: 'city' })).toMatchObject({ answerPreparationBinding: false, answerPreparationRule: null });
  });

  it('the legal-affairs body receives and registers the court papers in Hunan (HN 二), the office elsewhere', () => {
    const hunan = procedureRules('hunan', '2026-03-02', {});
    expect(hunan.registrationGroup).toBe('legal-affairs');
    expect(hunan.registrationRule).toContain('由法制工作机构负责接收和登记');
    for (const profile of ['national', 'yantai', 'liaocheng', 'tengzhou', 'jinghai']) expect(procedureRules(profile, '2026-03-02', {}).registrationGroup, profile).toBe('clerk');
  });

  it('in Hunan the legal-affairs body proposes the head and the principal head decides, where the head must appear (HN 四（一）、（二）)', () => {
    expect(procedureRules('hunan', '2026-03-02', { majorPublicInterest: true }).headCandidateProposal).toBe(true);
    expect(procedureRules('hunan', '2026-03-02', { highAttention: true }).headCandidateRule).toContain('报行政机关正职负责人决定');
    expect(procedureRules('hunan', '2026-03-02', {}).headCandidateProposal).toBe(false);
    expect(procedureRules('liaocheng', '2026-03-02', { majorPublicInterest: true }).headCandidateProposal).toBe(false);
  });

  it('risk report in Liaocheng, analysis meeting in Jinghai', () => {
    expect(procedureRules('liaocheng', '2026-05-06', none)).toMatchObject({ riskReportOnRisk: true, caseAnalysisMeetingOnRisk: false });
    expect(procedureRules('jinghai', '2026-05-06', none)).toMatchObject({ riskReportOnRisk: false, caseAnalysisMeetingOnRisk: true });
  });
});

describe('which court events a case can take', () => {
  const open = (stage: string, settlementStatus = 'none') => ({ stage, status: 'open', settlementStatus });
  it('takes withdrawal in every part-1 stage, the hearing notice once answering, the settlement outcome only while mediating', () => {
    for (const stage of ['registration', 'answer', 'awaiting-hearing', 'hearing', 'second-instance', 'retrial']) expect(eventRefusal(open(stage), 'withdrawn')).toBeNull();
    expect(Object.keys(STAGE_EVENTS)).toEqual(expect.arrayContaining(['judgment', 'second-instance', 'retrial', 'performance', 'loss-analysis', 'archived']));
    expect(eventRefusal(open('registration'), 'hearing-scheduled')).toContain('收件登记');
    expect(eventRefusal(open('answer'), 'hearing-scheduled')).toBeNull();
    expect(eventRefusal(open('answer'), 'settlement-outcome')).toContain('没有进行中的审前和解');
    expect(eventRefusal(open('answer', 'mediating'), 'settlement-outcome')).toBeNull();
  });
  it('a further service or the certificate of effect: while the appeal periods run; after an estimated effect still (a ledger fact); never once confirmed or before a judgment', () => {
    for (const type of ['judgment-served-to-party', 'judgment-effective'] as const) {
      expect(eventRefusal(open('judgment'), type)).toBeNull();
      expect(eventRefusal({ ...open('performance'), effectEstimated: true }, type)).toBeNull();
      expect(eventRefusal({ ...open('loss-analysis'), effectEstimated: true }, type)).toBeNull();
      expect(eventRefusal({ ...open('loss-analysis'), effectEstimated: false }, type)).toContain('生效日已经确定');
      expect(eventRefusal(open('hearing'), type)).toContain('尚');
      expect(eventRefusal({ stage: 'archived', status: 'closed', settlementStatus: 'none', effectEstimated: true }, type)).toContain('已结案');
    }
  });
  it('an appeal after the case went on at an estimated effect: taken (the appellant\'s own period is checked next); refused once the effect is confirmed, and after archiving', () => {
    expect(eventRefusal({ ...open('performance'), effectEstimated: true }, 'appeal-filed')).toBeNull();
    expect(eventRefusal({ ...open('loss-analysis'), effectEstimated: true }, 'appeal-filed')).toBeNull();
    expect(eventRefusal({ ...open('performance'), effectEstimated: false }, 'appeal-filed')).toContain('裁判已经生效');
    expect(eventRefusal({ ...open('archived'), effectEstimated: true }, 'appeal-filed')).toContain('结案归档');
  });
  it('public opinion about a case (LC Art. 48) is taken at any stage, also after archiving or settlement: its own process', () => {
    for (const stage of ['registration', 'hearing', 'judgment', 'awaiting-effect']) expect(eventRefusal(open(stage), 'public-opinion-incident')).toBeNull();
    expect(eventRefusal({ stage: 'archived', status: 'closed', settlementStatus: 'none' }, 'public-opinion-incident')).toBeNull();
    expect(eventRefusal({ stage: 'closed', status: 'settled', settlementStatus: 'settled' }, 'public-opinion-incident')).toBeNull();
  });
  it('waiting for the effect to be confirmed before archiving (awaiting-effect): takes a later service, the certificate and an appeal within the appellant\'s own period', () => {
    for (const type of ['judgment-served-to-party', 'judgment-effective', 'appeal-filed'] as const) {
      expect(eventRefusal({ ...open('awaiting-effect'), effectEstimated: true }, type)).toBeNull();
    }
    // confirmed, but the date is still ahead (a party served late): its appeal is still taken
    expect(eventRefusal({ ...open('awaiting-effect'), effectEstimated: false, effectPending: true }, 'appeal-filed')).toBeNull();
    expect(eventRefusal({ ...open('performance'), effectEstimated: false, effectPending: true }, 'appeal-filed')).toBeNull();
    expect(eventRefusal({ ...open('awaiting-effect'), effectEstimated: false, effectPending: false }, 'appeal-filed')).toContain('裁判已经生效');
    expect(eventRefusal(open('awaiting-effect'), 'hearing-scheduled')).not.toBeNull();
  });
  it('refuses part-2 events and anything after the case ended, with the reason', () => {
    expect(eventRefusal(open('awaiting-hearing'), 'judgment-served')).toContain('裁判文书送达');
    expect(eventRefusal({ stage: 'closed', status: 'settled', settlementStatus: 'settled' }, 'withdrawn')).toContain('和解结案');
  });
  it('takes the part-2 events in their stages; a judicial recommendation in every stage, also after archiving', () => {
    expect(eventRefusal(open('hearing'), 'hearing-moved')).toBeNull();
    expect(eventRefusal(open('hearing'), 'judgment-served')).toBeNull();
    expect(eventRefusal(open('judgment'), 'appeal-filed')).toBeNull();
    expect(eventRefusal(open('second-instance'), 'judgment-served')).toBeNull();
    // the legal reason from the court-event table: the judgment has taken effect
    expect(eventRefusal(open('performance'), 'appeal-filed')).toContain('不能再提起上诉');
    for (const stage of Object.keys(STAGE_EVENTS)) expect(eventRefusal(open(stage), 'judicial-recommendation')).toBeNull();
    const archived = { stage: 'archived', status: 'closed', settlementStatus: 'none' };
    expect(eventRefusal(archived, 'judicial-recommendation')).toBeNull();
    expect(eventRefusal(archived, 'appeal-filed')).toContain('已结案');
  });
  it('the appeal copy (上诉状副本送达) only after the plaintiff appealed; the agency as sole appellant answers nothing', () => {
    expect(eventRefusal({ ...open('judgment'), appealBy: 'plaintiff' }, 'appeal-copy-served')).toBeNull();
    expect(eventRefusal({ ...open('second-instance'), appealBy: 'plaintiff' }, 'appeal-copy-served')).toBeNull();
    expect(eventRefusal({ ...open('judgment'), appealBy: null }, 'appeal-copy-served')).toContain('尚未记录对方（原告）提起上诉');
    expect(eventRefusal({ ...open('second-instance'), appealBy: 'agency' }, 'appeal-copy-served')).toContain('本机关是上诉人');
    expect(eventRefusal({ ...open('hearing'), appealBy: 'plaintiff' }, 'appeal-copy-served')).toContain('没有上诉');
    expect(messageVariables({ type: 'appeal-copy-served', on: '2026-04-01' })).toEqual({ appealCopyServedOn: '2026-04-01' });
  });
  it('a retrial petition (再审申请书副本送达) for an effective decision, also after archiving; never for a pending, settled or withdrawn case', () => {
    for (const stage of ['judgment', 'performance', 'loss-analysis']) expect(eventRefusal(open(stage), 'retrial-petition-served')).toBeNull();
    expect(eventRefusal({ stage: 'archived', status: 'closed', settlementStatus: 'none' }, 'retrial-petition-served')).toBeNull();
    expect(eventRefusal(open('hearing'), 'retrial-petition-served')).toContain('尚无生效裁判');
    expect(eventRefusal(open('retrial'), 'retrial-petition-served')).toContain('已在再审中');
    // the retrial's answer or hearing is under way: still one retrial at a time
    expect(eventRefusal({ ...open('answer'), level: 'retrial' }, 'retrial-petition-served')).toContain('已在再审中');
    expect(eventRefusal({ stage: 'closed', status: 'settled', settlementStatus: 'settled' }, 'retrial-petition-served')).toContain('和解结案');
    expect(messageVariables({ type: 'retrial-petition-served', on: '2026-05-06', by: 'procuratorate' }, 'c1')).toEqual({ caseId: 'c1', retrialPetitionServedOn: '2026-05-06', retrialBy: 'procuratorate' });
    expect(CaseEventBody.safeParse({ type: 'retrial-petition-served', on: '2026-05-06' }).data).toEqual({ type: 'retrial-petition-served', on: '2026-05-06', by: 'plaintiff' });
    expect(CaseEventBody.safeParse({ type: 'retrial-petition-served', on: '2026-05-06', by: 'court of heaven' }).error!.issues[0]!.message).toContain('by 应为');
  });
});

describe('case API bodies', () => {
  it('names every bad field', () => {
    const r = CreateCaseBody.safeParse({ agencyId: 'x', level: 'third', plaintiffs: [], complaintReceivedOn: '2026-02-30', reconsideration: { status: 'organ-co-defendant' } });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['agencyId', 'caseNumber', 'court', 'level', 'cause', 'actUnderSuit', 'plaintiffs', 'plaintiffCount', 'complaintReceivedOn']));
  });
  it('maps each event to its message variables', () => {
    const e = CaseEventBody.parse({ type: 'hearing-scheduled', hearingAt: '2026-06-01T09:30:00+08:00', courtNotice: { principalHeadRequired: true } });
    expect(messageVariables(e)).toEqual({ hearingAt: '2026-06-01T09:30:00+08:00', principalHeadRequiredByCourt: true, headRequiredByCourt: false });
    // the court asks for the head at a later hearing of the instance (法释〔2020〕3号 Art. 7): with the summons or on its own
    const again = CaseEventBody.parse({ type: 'hearing-scheduled', hearingAt: '2026-06-15T09:30:00+08:00', courtNotice: { headRequired: true } });
    expect(messageVariables(again)).toEqual({ hearingAt: '2026-06-15T09:30:00+08:00', principalHeadRequiredByCourt: false, headRequiredByCourt: true });
    expect(messageVariables(CaseEventBody.parse({ type: 'head-appearance-notice' }))).toEqual({ headRequiredByCourt: true, principalHeadRequiredByCourt: false });
    expect(messageVariables(CaseEventBody.parse({ type: 'head-appearance-notice', principalHeadRequired: true }))).toEqual({ headRequiredByCourt: true, principalHeadRequiredByCourt: true });
    expect(messageVariables(CaseEventBody.parse({ type: 'hearing-moved', hearingAt: '2026-06-08T09:30:00+08:00' }))).toEqual({ hearingAt: '2026-06-08T09:30:00+08:00' });
    // judicial-recommendation starts its own process: the case id travels as a variable
    expect(messageVariables(CaseEventBody.parse({ type: 'judicial-recommendation', receivedOn: '2026-06-01' }), 'c-1')).toMatchObject({ caseId: 'c-1', recommendationReceivedOn: '2026-06-01' });
    expect(CaseEventBody.safeParse({ type: 'settlement-outcome', outcome: 'maybe' }).success).toBe(false);
  });
});
