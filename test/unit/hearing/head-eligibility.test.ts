// D01 “负责人”的范围 (法释〔2020〕3号 Art. 2; YT 二（四）; LC Art. 19): only a head of the defendant
// agency appears as its head — not its staff, not the head of a lower agency or entrusted organisation.
import { describe, expect, it } from 'vitest';
import { headEligibilityIssue, type LedgerPerson } from '../../../src/hearing/head-eligibility.ts';

const person = (name: string, post: string, agencyId: string, agencyName: string, kind: string, roles: string[] = []): LedgerPerson => ({ name, post, agencyId, agencyName, kind, roles });
const people = [
  person('彭志强', '局长', 'dept', '聊城市自然资源和规划局', 'head', ['principal-head']),
  person('曾建国', '副局长', 'dept', '聊城市自然资源和规划局', 'head', ['deputy-head']),
  person('肖晓燕', '法规科科长', 'dept', '聊城市自然资源和规划局', 'staff', ['legal-affairs', 'handler']),
  person('许所长', '所长', 'bureau-office', '东昌府区自然资源所', 'head', ['principal-head']),
];
const check = (headName: string, profile = 'liaocheng') => headEligibilityIssue({ profile, agencyId: 'dept', headName, people: people.filter((p) => p.name === headName.trim()) });

describe('the head who appears is a head of the defendant agency (D01)', () => {
  it('the principal head and a deputy head pass', () => {
    expect(check('彭志强')).toBeNull();
    expect(check(' 曾建国 ')).toBeNull();
  });

  it('a staff member of the agency is refused on headName, in Chinese, with the profile’s own article', () => {
    const issue = check('肖晓燕')!;
    expect(issue).toMatchObject({ field: 'headName', code: 'head-not-a-head' });
    expect(issue.message).toContain('肖晓燕（法规科科长）是本机关工作人员，不是本机关负责人');
    expect(issue.message).toContain('第十九条第二款、第三款');
  });

  it('the head of a lower agency or an entrusted organisation is refused, naming that body', () => {
    const issue = check('许所长')!;
    expect(issue.code).toBe('head-of-other-agency');
    expect(issue.message).toContain('许所长是东昌府区自然资源所的负责人（所长），不是本机关负责人');
    expect(issue.message).toContain('下级行政机关的负责人，不能作为本机关负责人出庭');
  });

  it('a name the ledger does not know is refused with what to do; other profiles cite the national provision', () => {
    const issue = check('王五', 'hunan')!;
    expect(issue.code).toBe('head-unknown');
    expect(issue.message).toContain('本机关负责人名单中没有王五；新任负责人请先在台账中登记');
    expect(issue.message).toContain('法释〔2020〕3号');
    expect(issue.message).toContain('第二条');
    expect(check('王五', 'yantai')!.source).toContain('二、（四）');
  });
});
