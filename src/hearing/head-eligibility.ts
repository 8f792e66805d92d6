// Who may appear as the agency's head (“负责人”的范围, rules catalog D01): the agency's principal head
// (正职), deputy heads (副职) and other heads in charge of the act (参与分管的负责人) — 法释〔2020〕3号
// Art. 2 para 1; YT 二（四）; LC Art. 19 para 2. The head of an organisation the agency entrusted or of
// a lower-level agency does not count (Art. 2 para 3; LC Art. 19 para 3). Pure: the caller passes the
// ledger's people (who holds which head role in which agency).
import { HEAD_PROVISIONS, law, lc, reason, yt, type Reason } from '../policy-sources/citations.ts';

export interface LedgerPerson {
  name: string;
  post: string;
  agencyId: string;
  agencyName: string;
  /** people.kind: staff | lawyer | part-time-adviser | head */
  kind: string;
  /** person_roles of the person */
  roles: readonly string[];
}

export interface HeadIssue {
  field: 'headName';
  message: string;
  code: string;
  source: string;
}

const HEAD_ROLES = new Set(['principal-head', 'deputy-head']);
const isHead = (p: LedgerPerson) => p.kind === 'head' || p.roles.some((r) => HEAD_ROLES.has(r));

/** The rule as the profile cites it: the national provision, and the agency's own policy where it defines the head. */
export function headScopeRule(profile: string): Reason {
  const text = '出庭应诉的负责人应为本机关的正职、副职负责人或参与分管被诉行政行为实施工作的负责人；被诉行政机关委托的组织或者下级行政机关的负责人，不能作为本机关负责人出庭';
  if (profile === 'liaocheng') return reason('head-scope', text, lc('第十九条第二款、第三款'));
  if (profile === 'yantai') return reason('head-scope', text, yt('二、（四）'));
  return reason('head-scope', text, law(HEAD_PROVISIONS, '第二条'));
}

/**
 * Checks the head the appearance plan names against the ledger: null when the person is a head of
 * the defendant agency, else one field issue (headName) saying in Chinese who the person is.
 */
export function headEligibilityIssue(input: { profile: string; agencyId: string; headName: string; people: readonly LedgerPerson[] }): HeadIssue | null {
  const rule = headScopeRule(input.profile);
  const name = input.headName.trim();
  const named = input.people.filter((p) => p.name === name);
  if (named.some((p) => p.agencyId === input.agencyId && isHead(p))) return null;
  const issue = (code: string, why: string): HeadIssue => ({ field: 'headName', message: `${why}。${rule.text}（依据：${rule.source}）`, code, source: rule.source });
  const ownStaff = named.find((p) => p.agencyId === input.agencyId);
  if (ownStaff) return issue('head-not-a-head', `${name}（${ownStaff.post}）是本机关工作人员，不是本机关负责人`);
  const otherHead = named.find((p) => isHead(p));
  if (otherHead) return issue('head-of-other-agency', `${name}是${otherHead.agencyName}的负责人（${otherHead.post}），不是本机关负责人`);
  return issue('head-unknown', `本机关负责人名单中没有${name}；新任负责人请先在台账中登记`);
}
