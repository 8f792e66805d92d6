import { describe, expect, it } from 'vitest';
import { AssignmentInputError, assignRespondingUnits, separateAnswers, townshipRuleCitation, type AgencyInfo } from '../../../src/cases/responding-units.ts';

const a = (id: string, kind: string, parentId: string | null, profile = 'liaocheng'): AgencyInfo => ({ id, name: id, kind, parentId, profile });
const agencies = [a('gov', 'government', null), a('justice', 'justice-bureau', 'gov'), a('dept', 'department', 'gov'), a('dept2', 'department', 'gov'), a('yt-gov', 'government', null, 'yantai'), a('yt-dept', 'department', 'yt-gov', 'yantai'), a('organ-dept', 'department', 'gov')];

describe('responding-unit matrix (rules catalog A07–A10)', () => {
  it('(a) no reconsideration: the agency that made the act defends the whole case', () => {
    const r = assignRespondingUnits(agencies, { defendantAgencyId: 'dept', reconsideration: { status: 'none' } });
    expect(r.needsDecision).toBe(false);
    expect(r.units.map((u) => [u.agencyId, u.role, u.defends])).toEqual([['dept', 'sole', 'whole-case']]);
    expect(r.units[0]!.rule).toContain('A07');
  });

  it('(b) organ sole defendant: a government organ answers through its justice bureau, a department organ itself', () => {
    const viaBureau = assignRespondingUnits(agencies, { defendantAgencyId: 'gov', actAgencyId: 'dept', reconsideration: { status: 'organ-sole-defendant', organAgencyId: 'gov' } });
    expect(viaBureau.units.map((u) => [u.agencyId, u.defends])).toEqual([['justice', 'reconsideration']]);
    const dept = assignRespondingUnits(agencies, { defendantAgencyId: 'organ-dept', actAgencyId: 'dept', reconsideration: { status: 'organ-sole-defendant', organAgencyId: 'organ-dept' } });
    expect(dept.units.map((u) => u.agencyId)).toEqual(['organ-dept']);
  });

  it('(b) Yantai: the respondent of the reconsideration may be asked to send staff (assisting)', () => {
    const r = assignRespondingUnits(agencies, { defendantAgencyId: 'yt-gov', actAgencyId: 'yt-dept', reconsideration: { status: 'organ-sole-defendant', organAgencyId: 'yt-gov' } });
    expect(r.units.map((u) => [u.agencyId, u.role, u.defends])).toEqual([['yt-gov', 'sole', 'reconsideration'], ['yt-dept', 'assisting', 'assist']]);
  });

  it('(c) organ co-defendant: the original agency defends the act, the organ the reconsideration', () => {
    const r = assignRespondingUnits(agencies, { defendantAgencyId: 'dept', actAgencyId: 'dept', reconsideration: { status: 'organ-co-defendant', organAgencyId: 'gov' } });
    expect(r.units.map((u) => [u.agencyId, u.role, u.defends])).toEqual([['dept', 'co-defendant', 'original-act'], ['justice', 'co-defendant', 'reconsideration']]);
    expect(() => assignRespondingUnits(agencies, { defendantAgencyId: 'gov', actAgencyId: 'gov', reconsideration: { status: 'organ-co-defendant', organAgencyId: 'gov' } })).toThrow(AssignmentInputError);
  });

  it('several departments: undecided without a lead (A08), then the lead leads and the others assist (A10)', () => {
    const open = assignRespondingUnits(agencies, { defendantAgencyId: 'dept', reconsideration: { status: 'none' }, coDefendantAgencyIds: ['dept2'] });
    expect(open.needsDecision).toBe(true);
    expect(open.decisionReason).toContain('牵头');
    const led = assignRespondingUnits(agencies, { defendantAgencyId: 'dept', reconsideration: { status: 'none' }, coDefendantAgencyIds: ['dept2'], leadAgencyId: 'dept2' });
    expect(led.units.map((u) => [u.agencyId, u.role])).toEqual([['dept2', 'lead'], ['dept', 'assisting']]);
    expect(() => assignRespondingUnits(agencies, { defendantAgencyId: 'dept', reconsideration: { status: 'none' }, coDefendantAgencyIds: ['dept2'], leadAgencyId: 'gov' })).toThrow(/牵头单位/);
  });

  it('a reconsidered case without its organ cannot be assigned by the matrix; unknown agencies name the field', () => {
    expect(assignRespondingUnits(agencies, { defendantAgencyId: 'dept', reconsideration: { status: 'organ-co-defendant' } }).needsDecision).toBe(true);
    try {
      assignRespondingUnits(agencies, { defendantAgencyId: 'nope', reconsideration: { status: 'none' } });
      expect.unreachable();
    } catch (e) {
      expect((e as AssignmentInputError).field).toBe('agencyId');
    }
  });

  it('HN 二（二）: the organ as co-defendant prepares an answer of its own, in the name of the organ, by its reconsideration body', () => {
    const viaBureau = assignRespondingUnits(agencies, { defendantAgencyId: 'dept', actAgencyId: 'dept', reconsideration: { status: 'organ-co-defendant', organAgencyId: 'gov' } });
    expect(separateAnswers(agencies, viaBureau.units)).toEqual([
      expect.objectContaining({ unitAgencyId: 'justice', answeringAgencyId: 'gov', defends: 'reconsideration', draftGroup: 'justice-bureau', approvalGroup: 'justice-bureau' }),
    ]);
    const deptOrgan = assignRespondingUnits(agencies, { defendantAgencyId: 'dept', actAgencyId: 'dept', reconsideration: { status: 'organ-co-defendant', organAgencyId: 'organ-dept' } });
    expect(separateAnswers(agencies, deptOrgan.units)).toEqual([
      expect.objectContaining({ unitAgencyId: 'organ-dept', answeringAgencyId: 'organ-dept', draftGroup: 'legal-affairs', approvalGroup: 'deputy-head', defendsLabel: '行政复议决定及复议程序' }),
    ]);
  });

  it('no separate answer where one unit answers the whole case, the organ is the sole defendant, or departments assist a lead', () => {
    const none = assignRespondingUnits(agencies, { defendantAgencyId: 'dept', reconsideration: { status: 'none' } });
    const sole = assignRespondingUnits(agencies, { defendantAgencyId: 'gov', actAgencyId: 'dept', reconsideration: { status: 'organ-sole-defendant', organAgencyId: 'gov' } });
    const led = assignRespondingUnits(agencies, { defendantAgencyId: 'dept', reconsideration: { status: 'none' }, coDefendantAgencyIds: ['dept2'], leadAgencyId: 'dept2' });
    for (const r of [none, sole, led]) expect(separateAnswers(agencies, r.units)).toEqual([]);
  });

  it('A09: a town government or street office that is sued decides itself — the same matrix, its own decision, its own office', () => {
    const town: AgencyInfo = { ...a('town', 'government', 'gov'), level: 'township', name: '某某镇人民政府' };
    const street: AgencyInfo = { ...a('street', 'street-office', 'gov'), level: 'township', name: '某某街道办事处' };
    const all = [...agencies, town, street, { ...a('county', 'government', null), level: 'county' }];
    const sole = assignRespondingUnits(all, { defendantAgencyId: 'town', reconsideration: { status: 'none' } });
    expect(sole).toMatchObject({ needsDecision: false, decidedBy: 'defendant', designatesOwnOffice: true });
    expect(sole.units.map((u) => [u.agencyId, u.role, u.defends])).toEqual([['town', 'sole', 'whole-case']]);
    expect(sole.units[0]!.rule).toContain('A09');
    expect(sole.units[0]!.explanation).toContain('由某某镇人民政府根据上述原则自行确定应诉承办机构');
    // when the matrix cannot decide, the town decides — not the justice bureau (A08)
    const open = assignRespondingUnits(all, { defendantAgencyId: 'street', reconsideration: { status: 'none' }, coDefendantAgencyIds: ['dept2'] });
    expect(open).toMatchObject({ needsDecision: true, decidedBy: 'defendant' });
    expect(open.decisionReason).toContain('由某某街道办事处自行确定');
    expect(open.decisionReason).not.toContain('由司法行政机关提出意见');
    // a county government or a department: the justice bureau proposes (A08), no office to name
    for (const id of ['dept', 'county']) expect(assignRespondingUnits(all, { defendantAgencyId: id, reconsideration: { status: 'none' } })).toMatchObject({ decidedBy: 'justice-bureau', designatesOwnOffice: false });
    expect(assignRespondingUnits(all, { defendantAgencyId: 'dept', reconsideration: { status: 'none' }, coDefendantAgencyIds: ['dept2'] }).decisionReason).toContain('由司法行政机关提出意见');
    // the form cites the agency's own policy where it has one
    expect([townshipRuleCitation('liaocheng'), townshipRuleCitation('jinghai'), townshipRuleCitation('hunan')]).toEqual(['（聊城市行政应诉工作管理办法第十二条）', '（静海区实施方案一、（一）2）', '']);
  });
});
