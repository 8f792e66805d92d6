// The statistics figures (统计指标) as data: what each figure counts, over which cases, in which
// period, and which policy text asks for it. The SQL computation (figures-sql.ts), the TypeScript
// reference (reference.ts), GET /api/statistics/figures and docs/statistics.md all read this list.
import { ALL, HEAD_PROVISIONS, INTERP, hn, jh, law, lc, tz, yt, type Citation } from '../policy-sources/citations.ts';

export type FigureKind = 'count' | 'rate' | 'breakdown';

/** What one unit of the figure is (the thing counted). */
export type FigureUnit = 'case' | 'instance' | 'hearing' | 'performance' | 'recommendation' | 'answer';

export interface FigureDefinition {
  id: string;
  /** the Chinese name shown to users */
  name: string;
  /** the definition in one Chinese paragraph (口径说明), for users */
  definition: string;
  kind: FigureKind;
  unit: FigureUnit;
  /** count: what is counted; rate: the numerator */
  numerator: string;
  /** rate: the denominator (the units the figure is about); null for counts and breakdowns */
  denominator: string | null;
  /** which date puts a unit in the period (quarter or year, Asia/Shanghai calendar dates) */
  period: string;
  /** which cases count: instance level, withdrawn, settled, reconsideration decisions */
  cases: { level: string; withdrawn: string; settled: string; reconsideration: string };
  /** where the profiles (national, yantai, hunan, liaocheng, tengzhou, jinghai) differ; empty when they do not */
  profiles: { profiles: string[]; rule: string }[];
  /** the ledger columns and events the figure is computed from */
  ledger: string;
  sources: Citation[];
}

/** The closure rule every "closed" figure shares (结案). */
const CLOSED_RULE =
  'withdrawn (撤诉: `cases.withdrawn_on`, else the day the ledger moved the case to status withdrawn), settled (和解结案: the day the ledger moved it to status settled), or decided (the latest effective court decision in `case_judgments`, levels first / second / retrial, by `effective_on`)';
/** The closure rule every "closed" figure shares (结案), in short; 审结案件数 gives it in full. */
const CLOSED = 'closed (审结) in the period — withdrawn, settled, or decided by an effective court decision, as 审结案件数 defines it';

const EVERY_LEVEL = 'every instance (first, second, retrial) of the case row';

export const FIGURES: readonly FigureDefinition[] = [
  {
    id: 'cases-new',
    name: '新收案件数',
    definition: '统计期间内收到起诉状副本的案件数（按案件计，二审、再审不另计）。',
    kind: 'count',
    unit: 'case',
    numerator: 'cases whose complaint copy (起诉状副本) the agency received in the period',
    denominator: null,
    period: '`cases.complaint_received_on`',
    cases: { level: 'one per case row (a second instance or retrial of the same case is not a new case)', withdrawn: 'included', settled: 'included', reconsideration: 'not a case of its own' },
    profiles: [],
    ledger: '`cases.complaint_received_on`',
    sources: [lc('第四十三条'), tz('三、（三）')],
  },
  {
    id: 'cases-closed',
    name: '审结案件数',
    definition: '统计期间内审结的案件数：撤诉、和解结案，或法院裁判生效（以最后一次生效裁判的生效日期为准）；归档日期不是结案日期。',
    kind: 'count',
    unit: 'case',
    numerator: `cases closed (审结) in the period: ${CLOSED_RULE}`,
    denominator: null,
    period: 'the closing date (see the numerator)',
    cases: { level: 'the case closes with its latest effective court decision', withdrawn: 'included (closed on withdrawal)', settled: 'included (closed on settlement)', reconsideration: 'a reconsideration decision does not close a lawsuit' },
    profiles: [],
    ledger: '`cases.status`, `cases.withdrawn_on`, `case_events` `stage-changed` (to status withdrawn / settled), `case_judgments.effective_on`',
    sources: [jh('二、（三）1'), lc('第四十三条')],
  },
  {
    id: 'cases-pending',
    name: '未结案件数',
    definition: '统计期末已收案而尚未审结的案件数。',
    kind: 'count',
    unit: 'case',
    numerator: 'cases received on or before the last day of the period and not closed by then (closing as in 审结案件数)',
    denominator: null,
    period: 'state on the last day of the period',
    cases: { level: EVERY_LEVEL, withdrawn: 'pending until withdrawn', settled: 'pending until settled', reconsideration: '—' },
    profiles: [],
    ledger: '`cases.complaint_received_on` and the closing date',
    sources: [jh('二、（三）1')],
  },
  {
    id: 'head-appearance-rate-instance',
    name: '负责人出庭应诉率（按审级）',
    definition: '分子：负责人在该审级出庭应诉过的审级数（同一审级出庭一次即可）；分母：统计期间内开庭审理过的审级数（一审、二审、再审分别计算）。',
    kind: 'rate',
    unit: 'instance',
    numerator: 'trial instances of the denominator at which a head (负责人) appeared at a hearing of that instance held on or before the last day of the period (one appearance per instance suffices)',
    denominator: 'trial instances (审级: first, second, retrial) with at least one hearing held in the period; an instance opens with the stage change into second instance or a retrial, or a change of level, so a remanded first-instance trial is a new one',
    period: 'the hearing date (`heldOn` of the `hearing-held` event, else the date of `hearingAt`)',
    cases: { level: 'each instance counts on its own: appearing at first instance does not count for the second', withdrawn: 'included when a hearing was held', settled: 'included when a hearing was held', reconsideration: 'no hearing, not counted' },
    profiles: [{ profiles: ['national', 'hunan', 'jinghai'], rule: 'the figure to report (法释〔2020〕3号 Art. 1, 7)' }],
    ledger: '`case_events` `hearing-held`: `hearingKey` (level = the part before `_`), `heldOn`, `headAppeared`; `stage-changed` (`from` / `to` stage and level) opens an instance',
    sources: [law(ALL, '第三条第三款'), law(HEAD_PROVISIONS, '第一条、第七条'), hn('四、（一）'), jh('一、（4）')],
  },
  {
    id: 'head-appearance-rate-case',
    name: '负责人出庭应诉率（按案件）',
    definition: '分子：负责人在统计期间内开庭的任一审级出庭应诉过的案件数；分母：统计期间内开庭审理过的案件数。',
    kind: 'rate',
    unit: 'case',
    numerator: 'cases of the denominator at which a head appeared at a hearing of an instance heard in the period, held on or before the last day of the period',
    denominator: 'cases with at least one hearing held in the period',
    period: 'the hearing date',
    cases: { level: 'a case counts once however many instances were heard', withdrawn: 'included when a hearing was held', settled: 'included when a hearing was held', reconsideration: 'not counted' },
    profiles: [
      { profiles: ['liaocheng'], rule: 'the figure of the 100 % target (LC Art. 20, 26)' },
      { profiles: ['yantai'], rule: 'reported, but no target may be set for it (YT 四（一）: 不得硬性设置行政机关负责人出庭应诉率)' },
    ],
    ledger: '`case_events` `hearing-held`: `hearingKey`, `heldOn`, `headAppeared`',
    sources: [lc('第二十条'), lc('第二十六条'), yt('四、（一）')],
  },
  {
    id: 'head-appearance-rate-hearing',
    name: '负责人出庭应诉率（按庭次）',
    definition: '分子：负责人出庭的庭次；分母：统计期间内开庭的庭次（有庭必出）。',
    kind: 'rate',
    unit: 'hearing',
    numerator: 'hearings of the denominator at which a head appeared',
    denominator: 'hearing sessions held in the period',
    period: 'the hearing date',
    cases: { level: 'every session of every instance', withdrawn: 'included', settled: 'included', reconsideration: 'not counted' },
    profiles: [{ profiles: ['tengzhou'], rule: 'the figure of 有庭必出 (a head at every hearing, TZ 一, 三（三）)' }],
    ledger: '`case_events` `hearing-held`: `hearingKey`, `heldOn`, `headAppeared`',
    sources: [tz('一；三、（三）')],
  },
  {
    id: 'principal-head-appearances',
    name: '主要负责人出庭次数',
    definition: '统计期间内主要负责人出庭应诉的庭次。',
    kind: 'count',
    unit: 'hearing',
    numerator: 'hearing sessions held in the period at which the principal head (主要负责人) appeared',
    denominator: null,
    period: 'the hearing date',
    cases: { level: 'every session of every instance', withdrawn: 'included', settled: 'included', reconsideration: 'not counted' },
    profiles: [{ profiles: ['liaocheng'], rule: 'quota: at least once a year; agencies with 10 or more cases at least twice (LC Art. 21, 22 para 2)' }],
    ledger: '`case_events` `hearing-held`: `principalHeadAppeared`',
    sources: [lc('第二十一条'), lc('第二十二条第二款')],
  },
  {
    id: 'principal-head-appearance-rate',
    name: '主要负责人出庭应诉率',
    definition: '分子：主要负责人出庭应诉过的案件数；分母：统计期间内开庭审理过的案件数。',
    kind: 'rate',
    unit: 'case',
    numerator: 'cases of the denominator at which the principal head appeared at a hearing of an instance heard in the period, held on or before the last day of the period',
    denominator: 'cases with at least one hearing held in the period',
    period: 'the hearing date',
    cases: { level: 'a case counts once', withdrawn: 'included when a hearing was held', settled: 'included when a hearing was held', reconsideration: 'not counted' },
    profiles: [{ profiles: ['liaocheng'], rule: 'at least 20 % a year for agencies with 10 or more cases (LC Art. 22 para 2); raised for enterprise cases (Art. 23)' }],
    ledger: '`case_events` `hearing-held`: `principalHeadAppeared`',
    sources: [lc('第二十二条第二款'), lc('第二十三条')],
  },
  {
    id: 'loss-rate',
    name: '败诉率',
    definition: '分子：统计期间内审结且败诉（含部分败诉）的案件数；分母：统计期间内审结的案件数（含撤诉、和解）。静海区另计行政复议机关认定的败诉案件。',
    kind: 'rate',
    unit: 'case',
    numerator: 'cases of the denominator closed by a decision the agency lost or partly lost (`outcome` lost / partly-lost); in Jinghai also cases with a reconsideration organ\'s decision against the agency that took effect in the period',
    denominator: `cases ${CLOSED}; in Jinghai also cases with a reconsideration decision that took effect in the period`,
    period: 'the closing date; for a reconsideration decision its effective date (else its service date)',
    cases: { level: 'the latest effective court decision decides (a retrial judgment replaces the earlier one)', withdrawn: 'in the denominator, never a loss', settled: 'in the denominator, never a loss', reconsideration: 'counted only where the profile counts it (Jinghai)' },
    profiles: [
      { profiles: ['jinghai'], rule: '败诉案件包括人民法院和行政复议机关依法认定的败诉案件 (JH 二、（三）3): `case_judgments` rows of level `reconsideration` count' },
      { profiles: ['national', 'yantai', 'hunan', 'liaocheng', 'tengzhou'], rule: 'court decisions only' },
    ],
    ledger: '`case_judgments` (`level`, `outcome`, `effective_on`), the closing date, `agencies.profile`',
    sources: [jh('二、（三）3'), jh('二、（三）4'), tz('三、（三）'), yt('四、（一）'), hn('八、（一）'), lc('第七条')],
  },
  {
    id: 'withdrawal-rate',
    name: '撤诉率',
    definition: '分子：统计期间内以撤诉结案的案件数（含和解后撤诉）；分母：统计期间内审结的案件数。',
    kind: 'rate',
    unit: 'case',
    numerator: 'cases of the denominator closed by withdrawal (`cases.status` withdrawn, also after a settlement)',
    denominator: `cases ${CLOSED}`,
    period: 'the closing date',
    cases: { level: EVERY_LEVEL, withdrawn: 'the numerator', settled: 'in the denominator', reconsideration: 'not counted' },
    profiles: [],
    ledger: '`cases.status`, the closing date',
    sources: [yt('二、（五）'), lc('第三十二条第二款')],
  },
  {
    id: 'settlement-rate',
    name: '和解调解结案率',
    definition: '分子：统计期间内以和解、和解后撤诉或调解书结案的案件数；分母：统计期间内审结的案件数。',
    kind: 'rate',
    unit: 'case',
    numerator: 'cases of the denominator closed by settlement (status settled), by withdrawal after a settlement (`settlement_status` withdrawn) or by a mediation document (the closing decision\'s `kind` mediation)',
    denominator: `cases ${CLOSED}`,
    period: 'the closing date',
    cases: { level: EVERY_LEVEL, withdrawn: 'in the numerator only when withdrawn after a settlement', settled: 'the numerator', reconsideration: 'not counted' },
    profiles: [],
    ledger: '`cases.status`, `cases.settlement_status`, `case_judgments.kind`',
    sources: [law(ALL, '第六十条'), lc('第三十二条'), yt('二、（五）'), tz('二、（五）')],
  },
  {
    id: 'enterprise-cases',
    name: '涉企行政案件数',
    definition: '统计期间内新收的原告或第三人中有企业的案件数（涉企行政案件）。',
    kind: 'count',
    unit: 'case',
    numerator: 'cases received in the period where a plaintiff or third party is an enterprise (`case_parties.type` enterprise) or the case is flagged enterprise-related',
    denominator: null,
    period: '`cases.complaint_received_on`',
    cases: { level: 'one per case row', withdrawn: 'included', settled: 'included', reconsideration: '—' },
    profiles: [{ profiles: ['liaocheng'], rule: 'more than 20 a year in a city department\'s system calls a case seminar (LC Art. 23)' }],
    ledger: '`case_parties` (role plaintiff / third-party, type enterprise), `cases.flags.enterpriseRelated`',
    sources: [lc('第二十三条')],
  },
  {
    id: 'enterprise-loss-rate',
    name: '涉企案件败诉率',
    definition: '分子：审结且败诉的涉企行政案件数；分母：统计期间内审结的涉企行政案件数（口径同败诉率）。',
    kind: 'rate',
    unit: 'case',
    numerator: 'enterprise cases of the denominator lost (as in 败诉率)',
    denominator: 'enterprise cases (as in 涉企行政案件数) counted in the 败诉率 denominator of the period',
    period: 'the closing date',
    cases: { level: 'as 败诉率', withdrawn: 'in the denominator, never a loss', settled: 'in the denominator, never a loss', reconsideration: 'as 败诉率 (Jinghai only)' },
    profiles: [
      {
        profiles: ['liaocheng'],
        rule: 'above 10 % a year calls a case seminar (LC Art. 23). The seminar check of the loss analysis (src/loss-analysis/loss.ts) divides by decided cases only (no withdrawals or settlements); this figure uses the closed cases like 败诉率',
      },
    ],
    ledger: 'as 败诉率 and 涉企行政案件数',
    sources: [lc('第二十三条')],
  },
  {
    id: 'performance-on-time',
    name: '生效裁判按期履行率',
    definition: '分子：在履行方案确定的期限内履行完毕的事项数；分母：履行期限在统计期间内的生效裁判履行事项数。',
    kind: 'rate',
    unit: 'performance',
    numerator: 'performances of the denominator recorded complete (`performance-completed`) on or before the planned date',
    denominator: 'performances of effective decisions (`performance-planned` events, one per performance process) whose planned date falls in the period',
    period: 'the planned performance date (`dueOn`)',
    cases: { level: 'one per performance process (a retrial judgment has its own)', withdrawn: 'no decision to perform', settled: 'no decision to perform', reconsideration: 'not counted' },
    profiles: [],
    ledger: '`case_events` `performance-planned` (`dueOn`), `performance-completed` (`completedOn`), matched by process instance',
    sources: [yt('二、（六）'), hn('五、（二）'), lc('第三十五条'), jh('一、（七）'), tz('二、（二）')],
  },
  {
    id: 'recommendations-replied-on-time',
    name: '司法建议按期回复率',
    definition: '分子：在回复期限内书面回复的建议数；分母：统计期间内收到的司法建议、规范性文件处理建议和检察建议数（尚未回复的计入分母）。',
    kind: 'rate',
    unit: 'recommendation',
    numerator: 'recommendations of the denominator replied on or before the reply deadline (`judicial-recommendation-replied`: `repliedOn` ≤ `replyDue`)',
    denominator: 'judicial recommendations, 规范性文件处理建议书 and procuratorial recommendations received in the period (court events)',
    period: 'the receipt date (`receivedOn`); a recommendation still unanswered within its period counts as not (yet) replied',
    cases: { level: 'every recommendation, also after archiving', withdrawn: 'included', settled: 'included', reconsideration: 'not counted' },
    profiles: [{ profiles: ['yantai', 'hunan'], rule: 'the reply deadline differs (YT: the court\'s period, else 60 days; HN: 3 months); the ledger stores the deadline that applied (`replyDue`)' }],
    ledger: '`case_events` `court-event:judicial-recommendation`, `court-event:procuratorial-recommendation` (one recommendation each, key r<event id>; `receivedOn`, `kind`), `judicial-recommendation-replied` (`recommendationKey`, `replyDue`, `repliedOn`); a reply recorded without a key answers the recommendations of its case, receipt date and kind',
    sources: [yt('三、（一）'), hn('七、（四）'), lc('第三十六条'), jh('一、（七）')],
  },
  {
    id: 'answers-late',
    name: '逾期答辩数',
    definition: '分子：逾期提交答辩状或期限届满仍未提交的答辩数；分母：答辩期限在统计期间内的答辩数（一审、二审、再审分别计算；期限届满前已撤诉或和解且未答辩的不计）。',
    kind: 'rate',
    unit: 'answer',
    numerator: 'answers of the denominator submitted after the deadline, or not submitted while the deadline has passed',
    denominator: 'answers due in the period: the current deadline of the instance\'s answer (`answer-and-evidence` first instance, ALL Art. 67; `appeal-answer` second, 民事诉讼法 applied through 行政诉讼法第一百零一条; `retrial-response` retrial, 法释〔2018〕1号 Art. 111), unless the case was withdrawn or settled on or before that day without an answer',
    period: 'the answer deadline (`case_deadlines.due_on`)',
    cases: { level: 'each instance that has an answer deadline', withdrawn: 'excluded when withdrawn before the deadline without an answer', settled: 'excluded when settled before the deadline without an answer', reconsideration: 'not counted' },
    profiles: [],
    ledger: '`case_deadlines` (current rows), `case_answers` (new: the answer date per instance; `cases.answer_submitted_on` keeps only the latest instance\'s)',
    sources: [law(ALL, '第六十七条'), law(ALL, '第一百零一条'), law(INTERP, '第一百一十一条'), lc('第十三条'), yt('二、（三）'), hn('三、（一）')],
  },
  {
    id: 'cases-by-cause',
    name: '案由分布',
    definition: '统计期间内新收案件按案由的分布。',
    kind: 'breakdown',
    unit: 'case',
    numerator: 'cases received in the period, per cause (案由, `cases.cause`)',
    denominator: null,
    period: '`cases.complaint_received_on`',
    cases: { level: 'one per case row', withdrawn: 'included', settled: 'included', reconsideration: '—' },
    profiles: [],
    ledger: '`cases.cause`',
    sources: [lc('第四十三条')],
  },
  {
    id: 'cases-by-court',
    name: '受案法院分布',
    definition: '统计期间内新收案件按受案法院的分布。',
    kind: 'breakdown',
    unit: 'case',
    numerator: 'cases received in the period, per court (`cases.court`)',
    denominator: null,
    period: '`cases.complaint_received_on`',
    cases: { level: 'one per case row', withdrawn: 'included', settled: 'included', reconsideration: '—' },
    profiles: [],
    ledger: '`cases.court`',
    sources: [lc('第四十三条')],
  },
];

export type FigureId = (typeof FIGURES)[number]['id'];

export const figureById = (id: string): FigureDefinition | undefined => FIGURES.find((f) => f.id === id);
