// The obligations register (义务清单): one entry per rule of the five local policies, under the
// letter-number ids docs/rules-catalog.md refers to (A01 … H14), with the evidence that the product
// carries it out. The status of an entry is derived from its evidence (obligationStatus), never
// typed by hand; docs/obligations.md is generated from this file (npm run docs:obligations) and
// test/unit/obligations.test.ts checks that every file and test named here exists, that every test
// title is still in its file, and that the generated document is current.
//
// How to update an entry: name the files that implement the rule in `code`, and the tests that
// check it in `tests` as '<test file> > <part of a describe or it title in that file>'. A test under
// test/engine or test/integration makes the rule "implemented, tested on the engine"; only
// test/unit or test/db "tested without the engine". Say in `note` what part of the rule the
// evidence covers when it does not cover all of it. A rule the product will not carry out gets
// `outOfScope` with the reason instead.
import { ALL, HEAD_PROVISIONS, INTERP, hn, jh, law, lc, type Citation, tz, yt } from './citations.ts';
import { PROFILES } from '../deadlines/profiles.ts';

export type CatalogSection = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';

export interface Obligation {
  /** catalogue id, e.g. 'A02' */
  id: string;
  /** short title in Chinese */
  title: string;
  /** what the rule asks, in English */
  gist: string;
  /** the policy articles (and, where a local rule defers to it, the national text) */
  sources: Citation[];
  /** files that implement the rule (paths from the repository root; they must exist) */
  code?: string[];
  /** '<test file> > <substring of a describe/it title in it>' */
  tests?: string[];
  /** what part of the rule is (not) covered, or how the product reads it */
  note?: string;
  /** why the product does not carry the rule out (then code and tests are empty) */
  outOfScope?: string;
}

export type ObligationStatus = 'engine' | 'no-engine' | 'data-only' | 'out-of-scope' | 'missing';

export const STATUS_LABELS: Record<ObligationStatus, string> = {
  engine: 'implemented, tested on the engine',
  'no-engine': 'tested without the engine',
  'data-only': 'data only / untested',
  'out-of-scope': 'not in scope',
  missing: 'missing',
};

export const STATUS_ORDER: readonly ObligationStatus[] = ['engine', 'no-engine', 'data-only', 'out-of-scope', 'missing'];

/** The test file of a reference '<file> > <title>'. */
export function testFile(reference: string): string {
  const at = reference.indexOf(' > ');
  return at < 0 ? reference : reference.slice(0, at);
}

/** The title part of a reference '<file> > <title>' ('' when there is none). */
export function testTitle(reference: string): string {
  const at = reference.indexOf(' > ');
  return at < 0 ? '' : reference.slice(at + 3);
}

const ENGINE_TIERS = ['test/engine/', 'test/integration/'];

/** The status, from the evidence alone. */
export function obligationStatus(o: Obligation): ObligationStatus {
  if (o.outOfScope) return 'out-of-scope';
  const tests = o.tests ?? [];
  if (tests.some((t) => ENGINE_TIERS.some((tier) => testFile(t).startsWith(tier)))) return 'engine';
  if (tests.length) return 'no-engine';
  if ((o.code ?? []).length) return 'data-only';
  return 'missing';
}

/** catalogue id → rule label → the profiles that define it, in profile order (profiles/*.yaml) */
function profileRulesFound(): Map<string, Map<string, string[]>> {
  const found = new Map<string, Map<string, string[]>>();
  for (const profile of PROFILES) {
    for (const version of profile.versions) {
      for (const rule of version.rules) {
        const ids = (rule.catalog ?? '').split(/[;,\s]+/).filter((t) => /^[A-H]\d{2}$/.test(t));
        for (const id of ids) {
          const rules = found.get(id) ?? new Map<string, string[]>();
          const label = `${rule.id}${rule.kind === 'threshold' ? ' [threshold]' : ''}`;
          const profiles = rules.get(label) ?? [];
          if (!profiles.includes(profile.id)) profiles.push(profile.id);
          rules.set(label, profiles);
          found.set(id, rules);
        }
      }
    }
  }
  return found;
}

/**
 * The profile rules (profiles/*.yaml) whose `catalog` field names a catalogue id, read from the
 * data: id → ['registration (liaocheng)', 'training [threshold] (yantai, hunan, …)', …].
 */
export function profileRulesByCatalogId(): Map<string, string[]> {
  return new Map([...profileRulesFound()].map(([id, rules]) => [id, [...rules].map(([label, profiles]) => `${label} (${profiles.join(', ')})`)]));
}

/** The data file of a profile, as the register's code lists name it. */
export const profileFile = (profileId: string): string => `profiles/${profileId}.yaml`;

/** id → the profile files holding a rule of that catalogue id (each entry's code lists them). */
export function profileFilesByCatalogId(): Map<string, string[]> {
  return new Map([...profileRulesFound()].map(([id, rules]) => [id, PROFILES.map((p) => p.id).filter((p) => [...rules.values()].some((ps) => ps.includes(p))).map(profileFile)]));
}

export const SECTIONS: readonly { letter: CatalogSection; title: string; count: number }[] = [
  { letter: 'A', title: 'Service, registration and the responding unit (收件登记、确定应诉承办单位)', count: 12 },
  { letter: 'B', title: 'Pre-trial settlement and the risk of losing (审前和解、败诉风险)', count: 7 },
  { letter: 'C', title: 'Answer and evidence (答辩举证)', count: 12 },
  { letter: 'D', title: 'Head appearance and the hearing (负责人出庭应诉、庭审)', count: 17 },
  { letter: 'E', title: 'Judgment, appeal, second instance and retrial (裁判、上诉、二审、再审)', count: 4 },
  { letter: 'F', title: 'Performance and judicial recommendations (履行、司法建议)', count: 6 },
  { letter: 'G', title: 'Loss analysis and accountability (败诉分析、问责)', count: 8 },
  { letter: 'H', title: 'Reporting, ledger, archive, training and organisation (报告、台账、归档、培训)', count: 14 },
];

/** Every catalogue id, A01 … H14. */
export const CATALOG_IDS: readonly string[] = SECTIONS.flatMap((s) => Array.from({ length: s.count }, (_, i) => `${s.letter}${String(i + 1).padStart(2, '0')}`));

// test files and the titles the references use
const ORDINARY = 'test/integration/case-lifecycle-ordinary.test.ts > runs from service to the answer submitted on time';
const SETTLED = 'test/integration/case-lifecycle-endings.test.ts > 2: settles in pre-trial mediation with the head taking part';
const CO_DEFENDANT = 'test/integration/case-lifecycle-endings.test.ts > 4: reconsideration organ as co-defendant';
const TENGZHOU = 'test/integration/case-lifecycle-profiles.test.ts > 7a Tengzhou: each document is filed with the justice bureau within 5 working days';
const JINGHAI = 'test/integration/case-lifecycle-profiles.test.ts > 7b Jinghai: forwarding in 3 days';
const REMINDERS = 'test/integration/case-lifecycle-deadlines.test.ts > 5: no draft';
const EXTENSION = 'test/integration/case-lifecycle-deadlines.test.ts > 6: an evidence-period extension is requested before the period expires';
const FULL_RETRIAL = 'test/integration/case-lifecycle-full.test.ts > a retrial petition (再审) after archiving reopens the case';
const FULL_APPEAL = 'test/integration/case-lifecycle-full.test.ts > the plaintiff appeals: second instance';
const GROUP_SUIT = 'test/integration/part2-hearing.test.ts > a group suit of 12 plaintiffs claiming ¥15,000,000 (Liaocheng)';
const UNABLE_YT = 'test/integration/part2-hearing.test.ts > the head cannot appear (Yantai)';
const UNABLE_LC = 'test/integration/part2-hearing.test.ts > the head cannot appear (Liaocheng)';
const JUDGMENT_WON = 'test/integration/part2-judgment.test.ts > won at first instance, nobody appeals';
const RULING_LC = 'test/integration/part2-judgment.test.ts > a ruling appealed by the plaintiff: the 10-day period applies';
const LOST_JH = 'test/integration/part2-judgment.test.ts > lost (Jinghai): the agency appeals within 5 days';
const RECOMMENDATION = 'test/integration/part2-recommendation.test.ts > the reply deadline is 60 days in Yantai and 3 months in Hunan';
const COURT_PERIOD = 'test/integration/part2-recommendation.test.ts > a period set by the court replaces Yantai';
const COURT_PERIOD_HN = 'test/integration/part2-recommendation.test.ts > Hunan: a period of 30 days set by the court wins over the 3 months';
const PROCURATORIAL_API = 'test/integration/recommendation-api.test.ts > 检察建议 (聊城 第三十六条)';
const SEVERAL_RECOMMENDATIONS = 'test/integration/recommendation-api.test.ts > several recommendations on one case (聊城)';
const NORMATIVE_API = 'test/integration/recommendation-api.test.ts > 规范性文件处理建议书 (静海 一、（七）)';

const RISK_REPORT_LC = 'test/integration/case-lifecycle-profiles.test.ts > 7c Liaocheng: a risk of losing is reported 3 working days before the planned submission';
const JINGHAI_PREP = 'test/integration/part2-jinghai.test.ts > the 10-day preparation not done by the 督办 instant';
const JINGHAI_COPY = 'test/integration/part2-jinghai.test.ts > the appeal copy is forwarded within 3 days';
const SEMINAR = 'test/integration/part2-enterprise-seminar.test.ts > not after one loss';
const EFFECT_LATER_SERVICE = 'test/integration/part2-judgment.test.ts > service unknown: estimated from the agency';
const EFFECT_MOVES = 'test/integration/part2-judgment.test.ts > a later service moves the court-set performance deadline and the Jinghai loss-analysis report';
const UNIT_UNITS = 'test/unit/cases/responding-units.test.ts';
const UNIT_PROCEDURE = 'test/unit/cases/procedure-and-stages.test.ts';
const UNIT_RULES = 'test/unit/deadlines/rules.test.ts';
const UNIT_HEARING = 'test/unit/hearing/hearing-rules.test.ts';
const UNIT_JUDGMENT = 'test/unit/judgment/judgment.test.ts';
const UNIT_LOSS = 'test/unit/loss-analysis/loss.test.ts';
const UNIT_PERFORMANCE = 'test/unit/performance/performance.test.ts';
const UNIT_REPLY = 'test/unit/recommendations/reply.test.ts';
const UNIT_TEMPLATES = 'test/unit/documents/templates.test.ts';
const DB_LOSS = 'test/db/loss-analysis/loss-ledger.test.ts';

const ISSUE_14 = 'issue 14: statistics';

export const OBLIGATIONS: readonly Obligation[] = [
  // ── A. Service, registration and the responding unit ──────────────────────────────────────────
  {
    id: 'A01',
    title: '统一接收法院应诉材料',
    gist: 'One office receives every paper the court serves (notice to respond, complaint copy, summons, judgment).',
    sources: [hn('二'), lc('第八条、第九条'), jh('一、（二）1')],
    code: ['src/http/routes/case-routes.ts', 'src/cases/case-service.ts', 'src/cases/procedure-rules.ts', 'processes/case-registration.bpmn', 'forms/case-registration.form'],
    tests: [
      `${ORDINARY}`,
      'test/integration/case-lifecycle-profiles.test.ts > 7d Hunan: the legal-affairs body',
      `${UNIT_PROCEDURE} > the legal-affairs body receives and registers the court papers in Hunan`,
      'test/db/cases/case-api.test.ts > POST /api/cases registers the case with its parties',
    ],
    note: 'Service is entered through the case API and court events; the registration task goes to the group the profile names: the legal-affairs body (`legal-affairs`) in Hunan, the office (`clerk`) elsewhere. Jinghai\'s remark that the legal-affairs body does not sign for the agency is not checked.',
  },
  {
    id: 'A02',
    title: '3日内登记并确定承办单位',
    gist: 'Register the case within 3 days of receipt and name the responding unit and the handlers; no refusal on the ground of the wrong defendant.',
    sources: [lc('第三十八条')],
    code: ['profiles/liaocheng.yaml', 'processes/case-registration.bpmn'],
    tests: [ORDINARY, `${UNIT_RULES} > the rule ids of the contract`],
    note: 'Liaocheng deadline `registration`; the registration task is due on it.',
  },
  {
    id: 'A03',
    title: '3日内转交承办部门',
    gist: 'The agency office forwards the notice to respond and the complaint (or appeal) copy to the handling department within 3 days.',
    sources: [jh('一、（二）1')],
    code: ['profiles/jinghai.yaml', 'processes/case-registration.bpmn'],
    tests: [JINGHAI, JINGHAI_COPY, `${UNIT_RULES} > the rule ids of the contract`],
    note: 'Jinghai deadline `forwarding`: the registration task is due on it; at second instance the appeal copy is forwarded by task `cl_copy_forward` within 3 days of its receipt.',
  },
  {
    id: 'A04',
    title: '上传行政应诉管理平台',
    gist: 'Upload the complaint, the filing notice and later the judgment to the provincial response platform promptly.',
    sources: [lc('第四十四条第二款')],
    code: ['src/judgment/assess.ts'],
    tests: [`${UNIT_JUDGMENT} > Liaocheng: the appeal proposal within 5 days`],
    note: 'Part only: the judgment assessment lists the upload of the judgment as a filing (`lc-upload-judgment`). There is no connection to the platform, and the upload of the complaint and the filing notice is not asked for.',
  },
  {
    id: 'A05',
    title: '5个工作日内扫描件报市司法局备案',
    gist: 'E-mail scans of the complaint, the notice to respond, the answer, the head-appearance record or the judgment to the city justice bureau within 5 working days.',
    sources: [tz('二、（四）')],
    code: ['profiles/tengzhou.yaml', 'src/cases/procedure-rules.ts', 'src/cases/case-reports.ts', 'processes/case-registration.bpmn', 'processes/answer-and-evidence.bpmn', 'processes/hearing.bpmn', 'processes/judgment-and-appeal.bpmn', 'forms/justice-bureau-filing.form'],
    tests: [TENGZHOU, `${UNIT_PROCEDURE} > files with the justice bureau after receipt (Tengzhou)`, `${UNIT_JUDGMENT} > Tengzhou: the judgment scan to the justice bureau within 5 working days`],
    note: 'Four filings, each a task with its 5-working-day deadline and a filing record: complaint and notice after receipt (`reg_filing`), answer after its submission (`ae_post_filing`), head-appearance record after each hearing (`h_filing`), judgment or ruling after service (`j_filing`). Counting the answer and the record from their own dates is the product\'s reading of 收到…后.',
  },
  {
    id: 'A06',
    title: '谁主管谁应诉',
    gist: 'The unit that made or handled the act responds to the suit.',
    sources: [yt('二、（二）'), hn('二'), lc('第十条、第十一条'), jh('一、（一）1')],
    code: ['src/cases/responding-units.ts', 'workers/cases/assign-responding-units.ts'],
    tests: [ORDINARY, `${UNIT_UNITS} > (a) no reconsideration: the agency that made the act defends the whole case`],
  },
  {
    id: 'A07',
    title: '经复议案件的应诉分工',
    gist: 'Who responds after reconsideration: the original agency; the reconsideration organ\'s legal body or justice bureau when the organ is sole defendant; both, each for its part, when it is co-defendant.',
    sources: [yt('二、（二）'), hn('二、（一）（二）'), lc('第十条、第十四条'), jh('一、（一）1')],
    code: ['src/cases/responding-units.ts', 'workers/cases/assign-responding-units.ts', 'workers/cases/request-unit-answers.ts', 'processes/unit-answer.bpmn', 'src/documents/templates/reconsideration-answer-brief.hbs'],
    tests: [
      CO_DEFENDANT,
      'test/integration/unit-answer.test.ts > the justice bureau gets its own answer process, tasks, deadline and brief',
      `${UNIT_UNITS} > (b) organ sole defendant`,
      `${UNIT_UNITS} > (c) organ co-defendant`,
      `${UNIT_UNITS} > the organ as co-defendant prepares an answer of its own`,
      `${UNIT_UNITS} > (b) Yantai: the respondent of the reconsideration may be asked to send staff`,
    ],
    note: 'The co-defendant organ prepares its own answer and evidence on the reconsideration decision (HN 二（二）): a `unit-answer` instance per level in the tenant of its reconsideration body, with the level\'s answer deadline and its own 行政答辩状.',
  },
  {
    id: 'A08',
    title: '承办单位不明确时的确定',
    gist: 'When the responding unit is unclear, the justice bureau proposes one and the government office decides (Liaocheng); the legal-affairs body decides (Yantai).',
    sources: [lc('第十条第（三）项'), yt('二、（二）')],
    code: ['src/cases/responding-units.ts', 'processes/case-registration.bpmn', 'forms/assignment-decision.form'],
    tests: [`${UNIT_UNITS} > several departments: undecided without a lead (A08)`],
    note: 'The matrix returns "undecided" and the diagram sends the case to the justice bureau\'s task `reg_bureau_proposal`; no engine test runs that path.',
  },
  {
    id: 'A09',
    title: '乡镇（街道）自行确定承办机构',
    gist: 'A town government or street office that is sued names its own responding unit.',
    sources: [lc('第十二条'), jh('一、（一）2')],
    code: ['src/cases/responding-units.ts', 'workers/cases/assign-responding-units.ts', 'processes/case-registration.bpmn', 'forms/responding-office-designation.form', 'src/cases/case-view.ts'],
    tests: [
      'test/integration/township-office.test.ts > the town’s legal-affairs staff designate the office',
      'test/integration/township-office.test.ts > a department names no office',
      `${UNIT_UNITS} > A09: a town government or street office that is sued decides itself`,
    ],
    note: 'A township-level defendant (level `township`: 乡镇人民政府, 街道办事处) applies the same matrix itself: the unit carries rule A09, an undecided lead goes to its own legal-affairs staff instead of the justice bureau, and registration ends with the task `reg_office` in which it names its responding office (承办机构) and handler (ledger `responding-office-designated`, shown as `respondingUnits[].designatedOffice`).',
  },
  {
    id: 'A10',
    title: '多部门共同被告：牵头部门为主',
    gist: 'Several departments sued together: the lead department responds and the others assist.',
    sources: [yt('二、（二）')],
    code: ['src/cases/responding-units.ts'],
    tests: [`${UNIT_UNITS} > then the lead leads and the others assist (A10)`],
  },
  {
    id: 'A11',
    title: '重大复杂案件主动报告同级政府',
    gist: 'Report major or complex cases, cases of high public attention and cases that may cause a mass incident to the same-level government, proactively.',
    sources: [lc('第四十三条第三款')],
    code: ['src/cases/procedure-rules.ts', 'src/cases/case-reports.ts', 'processes/case-registration.bpmn', 'forms/major-case-report.form'],
    tests: [CO_DEFENDANT, `${UNIT_PROCEDURE} > reports major cases in Liaocheng with the reasons`],
  },
  {
    id: 'A12',
    title: '每案应诉人员配置（1+1）',
    gist: 'Per case the handling unit sends one staff member and the department\'s legal-affairs body one staff member or a lawyer.',
    sources: [hn('二、（一）')],
    code: ['profiles/hunan.yaml'],
    note: 'Threshold `case-staffing` (Hunan) is data, listed by the profile API; nothing checks a case against it.',
  },

  // ── B. Pre-trial settlement and the risk of losing ────────────────────────────────────────────
  {
    id: 'B01',
    title: '审前和解中心诉前分流',
    gist: 'Before the court registers the case, the pre-trial settlement centre\'s mediator tries a non-litigation solution; if it fails the case is registered.',
    sources: [tz('二、（五）')],
    outOfScope:
      'Happens before there is a case: the settlement centre (审前和解中心) sorts a dispute before the court registers it (诉前分流, “调解不成的转入登记立案程序”), when no complaint copy has been served and the agency has no case to answer; the product\'s case starts at the service of the complaint copy (行政诉讼法 67). The centre\'s pre-registration docket belongs to the court and the centre, not to the agency\'s legal-affairs office. Settlement after service is B02/B03.',
  },
  {
    id: 'B02',
    title: '负责人参与审前和解',
    gist: 'When the court, the settlement centre or the justice bureau recommends it in writing, the agency head takes part in the settlement; 1–2 agents who know the case may go too.',
    sources: [lc('第三十二条第一款'), tz('二、（二）')],
    code: ['processes/pretrial-settlement.bpmn', 'forms/risk-assessment.form', 'forms/settlement-session.form'],
    tests: [SETTLED],
  },
  {
    id: 'B03',
    title: '在约定期限内书面答复和解中心',
    gist: 'Matters needing approval, or plans that cannot be drafted at the session, are answered in writing to the centre within the agreed period.',
    sources: [lc('第三十二条第一款')],
    code: ['processes/pretrial-settlement.bpmn', 'forms/settlement-reply.form', 'src/deadlines/process-variables.ts', 'workers/deadlines/date-times.ts'],
    tests: [SETTLED, 'test/unit/deadlines/set-date-times.test.ts > pretrial settlement, agreedReplyBy'],
  },
  {
    id: 'B04',
    title: '败诉风险评估与书面报告',
    gist: 'Assess the risk of losing; if there is one, report it in writing 3 working days before the answer is submitted; cases within the mediation scope go to mediation.',
    sources: [lc('第十八条')],
    code: ['profiles/liaocheng.yaml', 'src/cases/procedure-rules.ts', 'processes/pretrial-settlement.bpmn', 'forms/risk-assessment.form', 'forms/risk-report.form'],
    tests: [ORDINARY, RISK_REPORT_LC, `${UNIT_PROCEDURE} > risk report in Liaocheng, analysis meeting in Jinghai`],
    note: 'The report is due 3 working days before the planned submission date the handler enters in the risk assessment, never later than 3 working days before the answer deadline; the task `ps_report` runs on the engine and records a `risk-reported` event.',
  },
  {
    id: 'B05',
    title: '败诉风险案件分析讨论会',
    gist: 'When analysis shows a risk of losing, hold a case analysis and disposal meeting promptly.',
    sources: [jh('一、（六）')],
    code: ['src/cases/procedure-rules.ts', 'processes/pretrial-settlement.bpmn', 'forms/case-analysis-meeting.form'],
    tests: [JINGHAI, `${UNIT_PROCEDURE} > risk report in Liaocheng, analysis meeting in Jinghai`],
  },
  {
    id: 'B06',
    title: '和解、调解的界限',
    gist: 'No deceiving or coercing the plaintiff into withdrawing; no harm to state, public or third-party interests; mediation only in compensation, indemnity and discretion cases.',
    sources: [yt('二、（五）'), hn('三、（二）'), lc('第三十二条第二款'), law(ALL, '第六十条')],
    code: ['processes/pretrial-settlement.bpmn'],
    note: 'Guidance text on the settlement tasks; nothing checks a settlement against it.',
  },
  {
    id: 'B07',
    title: '府院联动、早沟通早化解',
    gist: 'Raise risky cases with the court early and settle them where possible, through the court–government linkage.',
    sources: [jh('二、（二）')],
    code: ['processes/pretrial-settlement.bpmn', 'forms/court-liaison.form', 'src/cases/procedure-rules.ts'],
    tests: [JINGHAI, 'test/unit/processes/declared-data-pretrial-settlement.test.ts > ps_court_liaison_record'],
    note: 'On a risk of losing, after the case analysis meeting (B05) the legal-affairs body raises the case with the court within the answer period (task ps_court_liaison: date, way — by telephone, in writing, face to face, joint meeting —, the court\'s contact, the outcome, whether the court will coordinate or mediate) and the ledger records it (event court-liaison). The standing court–government meetings of 津静海政发〔2024〕13号 are outside the case life cycle.',
  },

  // ── C. Answer and evidence ────────────────────────────────────────────────────────────────────
  {
    id: 'C01',
    title: '法定期限内答辩举证',
    gist: 'Submit the answer, the evidence and the normative documents within 15 days of receiving the complaint copy; no refusal or unjustified delay.',
    sources: [law(ALL, '第六十七条'), yt('二、（三）'), hn('三、（一）'), lc('第十三条'), jh('一、（二）2、3')],
    code: ['profiles/national.yaml', 'processes/answer-and-evidence.bpmn', 'src/notifications/rules.ts'],
    tests: [ORDINARY, REMINDERS, `${UNIT_RULES} > the rule ids of the contract`],
  },
  {
    id: 'C02',
    title: '10日内完成答辩准备',
    gist: 'Finish preparing the answer within 10 days (representative\'s certificate, power of attorney) and report to the district-government leaders.',
    sources: [jh('一、（二）2')],
    code: ['profiles/jinghai.yaml', 'processes/answer-and-evidence.bpmn'],
    tests: [
      JINGHAI,
      JINGHAI_PREP,
      'test/integration/part2-jinghai.test.ts > then the second-instance answer runs with its 10-day preparation from the copy',
      'test/unit/deadlines/jinghai-appeal-copy.test.ts > the 10-day answer preparation counts from the',
      `${UNIT_RULES} > the rule ids of the contract`,
    ],
    note: 'Binding where the district government is the defendant — 督办 one working day before the last day at 09:00 (the text sets no instant: the product\'s convention, `answerPreparationEscalateAt`) — which also reports in writing to the district leaders (task `w_leaders_report`); departments and towns 可以参照 and get a reminder at that instant. Counted from the complaint copy, and at second instance from the appeal copy.',
  },
  {
    id: 'C03',
    title: '提交答辩状后5日内报区司法局备案',
    gist: 'Department and town defendants file the case with the district justice bureau within 5 days of submitting the answer.',
    sources: [jh('一、（二）2')],
    code: ['profiles/jinghai.yaml', 'src/cases/procedure-rules.ts', 'src/cases/case-reports.ts', 'processes/answer-and-evidence.bpmn', 'forms/justice-bureau-filing.form'],
    tests: [JINGHAI, `${UNIT_PROCEDURE} > files with the justice bureau after receipt (Tengzhou), before the answer (Liaocheng), after it (Jinghai)`],
  },
  {
    id: 'C04',
    title: '答辩材料先报司法局备案再提交',
    gist: 'The answer and the evidence list are filed with the same-level justice bureau, then submitted to the court within the statutory period.',
    sources: [lc('第十三条第一款、第二款')],
    code: ['src/cases/procedure-rules.ts', 'src/cases/case-reports.ts', 'processes/answer-and-evidence.bpmn', 'forms/justice-bureau-filing.form'],
    tests: [ORDINARY, `${UNIT_PROCEDURE} > files with the justice bureau after receipt (Tengzhou), before the answer (Liaocheng)`],
  },
  {
    id: 'C05',
    title: '答辩审批、集体研究、法律顾问把关',
    gist: 'Draft, review and approve the answer without delay; major or complex cases are studied collectively; the legal adviser checks the answer; a response-only seal may be used.',
    sources: [hn('三、（一）'), yt('二、（三）'), jh('一、（二）3')],
    code: ['processes/answer-and-evidence.bpmn', 'src/cases/procedure-rules.ts', 'forms/answer-review.form', 'forms/answer-approval.form', 'forms/collective-study.form'],
    tests: [ORDINARY, `${UNIT_PROCEDURE} > collective study for major or complex cases everywhere`],
    note: 'Review (`w_review`) and approval (`w_approve`) run on the engine; the collective study (`w_study`) is decided by the procedure rules but no engine test runs it. The response-only seal (行政应诉专用印章) is not modelled.',
  },
  {
    id: 'C06',
    title: '答辩状内容规范',
    gist: 'The answer states the court and case number, the agency, the facts and legal basis, the arguments and the request, with signature and date.',
    sources: [lc('第十五条第一款'), yt('二、（三）')],
    code: ['src/documents/templates/answer-brief.hbs', 'src/documents/document-kinds.ts', 'forms/answer-draft.form'],
    tests: [ORDINARY, `${UNIT_TEMPLATES} > renders %s for the full sample case`],
    note: 'The engine test checks that the answer brief is produced; its content is checked by the template tests.',
  },
  {
    id: 'C07',
    title: '答辩状可提出的八项异议',
    gist: 'The answer may object that the plaintiff lacks standing, sued twice, is out of time, has a reconsideration pending, skipped mandatory reconsideration, named the wrong defendant, wrongly joined after a procedural rejection, or fails another requirement for suing.',
    sources: [lc('第十五条第二款')],
    code: ['src/documents/document-kinds.ts', 'forms/answer-draft.form', 'src/documents/templates/answer-brief.hbs'],
    tests: ['test/unit/cases/form-validation.test.ts > the enum of the eight objections', `${UNIT_TEMPLATES} > puts objections to admissibility before the merits`],
  },
  {
    id: 'C08',
    title: '证据目录',
    gist: 'Classify and number every item of evidence and state its source, what it proves, its content and its purpose.',
    sources: [lc('第十六条'), yt('二、（三）')],
    code: ['src/documents/templates/evidence-list.hbs', 'src/documents/document-kinds.ts', 'forms/answer-draft.form'],
    tests: [ORDINARY, `${UNIT_TEMPLATES} > numbers evidence by category`],
  },
  {
    id: 'C09',
    title: '应诉材料加盖印章后提交',
    gist: 'The answer, the evidence list, the representative\'s certificate, the power of attorney and the head\'s certificate carry the agency\'s seal and are submitted promptly.',
    sources: [lc('第十七条第一款')],
    code: ['processes/answer-and-evidence.bpmn', 'src/documents/templates/evidence-list.hbs', 'src/documents/templates/power-of-attorney.hbs', 'src/documents/templates/head-appearance-certificate.hbs'],
    tests: [ORDINARY, GROUP_SUIT],
    note: 'The documents are produced with their seal line (盖章); sealing the paper is done by hand.',
  },
  {
    id: 'C10',
    title: '书面申请延期提供证据',
    gist: 'If force majeure or another justified reason prevents timely evidence, apply in writing before the period expires.',
    sources: [lc('第十七条第二款'), hn('三、（一）'), law(ALL, '第三十六条'), law(INTERP, '第三十四条', 'UNCONFIRMED')],
    code: ['profiles/national.yaml', 'processes/answer-and-evidence.bpmn', 'forms/evidence-extension.form', 'src/documents/templates/evidence-extension-application.hbs'],
    tests: [EXTENSION, `${UNIT_TEMPLATES} > refuses an evidence-extension application dated after the evidence period`],
  },
  {
    id: 'C11',
    title: '依法送达答辩材料',
    gist: 'Deliver by EMS or other lawful post, in person or by court-recognised electronic service, so that everything reaches the court in time.',
    sources: [lc('第三十九条')],
    code: ['forms/answer-submission.form', 'processes/answer-and-evidence.bpmn'],
    tests: [ORDINARY, 'test/unit/cases/form-validation.test.ts > requires required fields, checks types and options'],
    note: 'The submission task records the method, the tracking number and the date; the rule that posting before the period ends is on time is guidance only (no posting date is kept apart).',
  },
  {
    id: 'C12',
    title: '配合法院现场调查与协调',
    gist: 'Cooperate with court site investigations; related departments attend the coordination meetings or site visits the responding unit calls.',
    sources: [lc('第十三条第三款')],
    code: ['src/cases/case-input.ts', 'src/judgment/court-events.ts', 'src/cases/stage-table.ts', 'processes/site-investigation.bpmn', 'forms/site-investigation-department.form', 'src/notifications/rules.ts', 'src/notifications/templates.ts'],
    tests: [
      'test/integration/part2-site-investigation.test.ts > each related department: a notification in the outbox and a task due at the investigation',
      'test/integration/part2-site-investigation.test.ts > is refused outside a trial with the reason',
      'test/unit/processes/declared-data-site-investigation.test.ts > s_record',
    ],
    note: 'A site investigation organised by the court, or a coordination meeting or site visit the responding unit calls, is recorded through the case API (event site-investigation: who organises it, when, where, the related departments) while the case is in trial; its own process gives the handling unit one task per department, due at the investigation, with a notification through the outbox (site-investigation.department), and the ledger records who attends for each (event site-investigation-department-called). Whether the department actually came is recorded by the handler, not checked.',
  },

  // ── D. Head appearance and the hearing ────────────────────────────────────────────────────────
  {
    id: 'D01',
    title: '“负责人”的范围',
    gist: 'Who counts as the agency head (principal, deputies, the deputy in charge); heads of an entrusted organisation or a lower agency do not.',
    sources: [yt('二、（四）'), lc('第十九条第二款、第三款'), law(HEAD_PROVISIONS, '第二条')],
    code: ['src/hearing/head-eligibility.ts', 'workers/hearing/validate-agents.ts', 'processes/hearing.bpmn'],
    tests: [
      'test/integration/part2-hearing.test.ts > a group suit of 12 plaintiffs',
      'test/db/hearing/hearing-workers.test.ts > D01: the head who appears must be a head of the defendant agency',
      'test/unit/hearing/head-eligibility.test.ts > the head who appears is a head of the defendant agency',
    ],
    note: 'The head the appearance plan names (when the head appears) is checked against the ledger\'s people: a principal or deputy head of the defendant agency passes; the agency\'s staff, the head of another (lower or entrusted) body and a name the ledger does not know go back to the plan with a Chinese error on `headName` citing LC Art. 19 / YT 二（四） / 法释〔2020〕3号 Art. 2. Whether a deputy is the one in charge of the act (谁分管谁出庭) is not checked: the ledger records what a deputy is in charge of only as text.',
  },
  {
    id: 'D02',
    title: '负责人应当出庭的情形',
    gist: 'The head must or should appear: major public interest, high attention, mass-incident risk, the court\'s written suggestion or notice; in Tengzhou every hearing.',
    sources: [yt('二、（四）'), hn('四、（一）'), jh('一、（4）'), tz('一；三、（三）')],
    code: ['src/hearing/head-appearance.ts', 'src/hearing/case-facts.ts', 'workers/hearing/decide-appearance.ts', 'processes/hearing.bpmn', 'profiles/tengzhou.yaml'],
    tests: [
      `${UNIT_HEARING} > a head, with the profile`,
      'test/db/hearing/hearing-workers.test.ts > hearing.decide-appearance (h_decide)',
      `${UNIT_HEARING} > a case sent back for a new first-instance trial (发回重审) is a new instance at the same court level`,
      'test/db/hearing/hearing-workers.test.ts > counted per trial instance, not per court level',
    ],
    note: 'The triggers of each profile are decided by the hearing rules; the engine tests run Liaocheng hearings only, which are covered under D03. One appearance suffices per trial instance (法释〔2020〕3号 第七条), not per court level: a retrial, the second instance of a retrial and a new first-instance trial after remand demand the head again.',
  },
  {
    id: 'D03',
    title: '主要负责人出庭的十种情形',
    gist: 'The principal head must appear in ten kinds of case, e.g. a group suit of more than 10 plaintiffs claiming more than ¥10 million, a procuratorate suit, or the justice bureau\'s or court\'s requirement.',
    sources: [lc('第二十二条第一款')],
    code: ['src/hearing/head-appearance.ts', 'profiles/liaocheng.yaml', 'workers/hearing/decide-appearance.ts', 'processes/hearing.bpmn'],
    tests: [GROUP_SUIT, `${UNIT_HEARING} > scenario 3: a group suit of 12 plaintiffs`, `${UNIT_HEARING} > Liaocheng case %s → %s (%s)`, `${DB_LOSS} > hearing.decide-appearance reads the facts from the ledger`],
    note: 'All ten cases are decided by the rules (unit tests); the engine test runs case (一).',
  },
  {
    id: 'D04',
    title: '主要负责人年度出庭指标',
    gist: 'Yearly quotas: every agency with cases, principal head at least once; 10 or more cases, at least twice and 20 %; county governments, at least once.',
    sources: [lc('第二十一条、第二十二条第二款')],
    code: ['src/assessment/quotas.ts', 'src/assessment/quota-monitor.ts', 'profiles/liaocheng.yaml', 'scripts/runtime.ts'],
    tests: [
      'test/unit/assessment/quotas.test.ts > a count quota: the principal head at least once a year',
      'test/unit/assessment/quotas.test.ts > a rate quota: the principal head at 20 % of the cases heard (10 cases or more)',
      'test/db/assessment/quota-monitor.test.ts > warns the principal head, the legal-affairs body and the justice bureau by e-mail',
      'test/db/assessment/quota-monitor.test.ts > sends nothing before 1 November, when the principal head appeared, or in Yantai',
    ],
    note: 'The quotas read the thresholds of profiles/liaocheng.yaml (`principal-head-annual-quota`, `county-principal-head-annual`) in force in the year; the quota monitor (hourly) warns the principal head, the legal-affairs body and the justice bureau once per agency, quota and year when a count is still short on 1 November or the pending cases cannot lift the rate (docs/assessment.md). Development-zone committees have no agency kind yet: county governments only.',
  },
  {
    id: 'D05',
    title: '负责人出庭率100%',
    gist: 'A head-appearance rate of 100 % (Liaocheng, Tengzhou); Yantai forbids setting a fixed rate.',
    sources: [lc('第二十条、第二十三条、第二十六条'), tz('一；三、（三）'), yt('四、（一）')],
    code: ['src/assessment/quotas.ts', 'src/assessment/quota-monitor.ts', 'src/assessment/scoring-items.ts', 'profiles/yantai.yaml', 'profiles/liaocheng.yaml', 'profiles/tengzhou.yaml'],
    tests: [
      'test/unit/assessment/quotas.test.ts > a 100 % head-appearance rate with one case heard without a head and nothing pending is at risk at once',
      'test/unit/assessment/quotas.test.ts > Tengzhou: 有庭必出 per hearing; Yantai none',
      'test/unit/assessment/scoring-items.test.ts > appearance is reviewed, never deducted by a rate',
    ],
    note: 'Quotas `lc-head-appearance-rate` (by case) and `tz-every-hearing` (by hearing) are watched by the quota monitor; Yantai has no quota and its assessment item deducts nothing by the rate. The enterprise-case raise of the principal-head share (LC Art. 23) has no number to watch.',
  },
  {
    id: 'D06',
    title: '确定出庭负责人（谁分管谁出庭）',
    gist: 'The head in charge appears; in Hunan the responding body proposes the head within the answer period and the principal head decides.',
    sources: [lc('第二十条'), hn('四、（二）')],
    code: ['profiles/hunan.yaml', 'src/hearing/head-appearance.ts', 'src/hearing/case-facts.ts', 'workers/hearing/decide-appearance.ts', 'src/cases/procedure-rules.ts', 'processes/answer-and-evidence.bpmn', 'forms/head-candidate-proposal.form', 'forms/head-candidate-decision.form', 'forms/hearing-appearance-plan.form'],
    tests: [
      'test/integration/case-lifecycle-profiles.test.ts > 7d Hunan',
      `${UNIT_PROCEDURE} > in Hunan the legal-affairs body proposes the head and the principal head decides`,
      `${UNIT_RULES} > every deadline rule of every profile, with its citation`,
      `${UNIT_HEARING} > the proposed candidate when the principal head approved`,
      'test/unit/processes/form-texts.test.ts > the hearing plan names the head the principal head decided',
    ],
    note: 'Hunan: where the head must appear (HN 四（一）: major public interest, high attention, possible mass incident), the legal-affairs body proposes the head (task `w_head_propose`) and the principal head decides (`w_head_decide`), both due at the end of the answer period, recorded as `head-candidate-decided`; the decided head prefills the hearing plan (`headName`, `headPost`, read from the ledger by `hearing.decide-appearance`) and the plan names who decided it. Liaocheng\'s rule is stated in the reason `lc-head-every-case`.',
  },
  {
    id: 'D07',
    title: '负责人不能出庭的处理',
    gist: 'A head who cannot appear: Liaocheng reports at once to the principal head (temporary head or postponement); Hunan entrusts another head; Yantai explains in writing and entrusts staff.',
    sources: [lc('第二十条'), hn('四、（二）'), yt('二、（四）'), law(HEAD_PROVISIONS, '第八条、第九条')],
    code: ['src/hearing/head-unable.ts', 'workers/hearing/head-unable-fallback.ts', 'processes/hearing.bpmn', 'forms/head-unable-decision.form'],
    tests: [UNABLE_LC, UNABLE_YT, `${UNIT_HEARING} > the head cannot appear (负责人不能出庭)`, `${UNIT_HEARING} > Yantai county-level governments may also entrust`],
    note: 'Hunan\'s "another head" option is tested without the engine only.',
  },
  {
    id: 'D08',
    title: '负责人未出庭一个月内书面报告',
    gist: 'When no head appeared, the heads concerned report in writing to the principal leaders of the Party committee and government within one month.',
    sources: [lc('第二十条')],
    code: ['profiles/liaocheng.yaml', 'src/hearing/head-unable.ts', 'processes/hearing.bpmn', 'forms/head-absence-report.form'],
    tests: [UNABLE_LC, `${UNIT_HEARING} > Liaocheng: the one-month report`],
    note: 'The report task is due a month after the hearing; its 督办 comes one working day before the last day at 09:00 (`headAbsenceReportEscalateAt`, the product\'s convention), not when the month has run out.',
  },
  {
    id: 'D09',
    title: '委托代理人1至2名，不得仅委托律师',
    gist: 'A head who appears may add 1–2 agents; at least one is staff; never only lawyers.',
    sources: [hn('四、（二）'), lc('第二十七条'), yt('二、（四）'), jh('一、（4）')],
    code: ['src/hearing/agents.ts', 'profiles/national.yaml', 'profiles/liaocheng.yaml', 'workers/hearing/validate-agents.ts', 'processes/hearing.bpmn'],
    tests: [GROUP_SUIT, `${UNIT_HEARING} > scenario 3: two lawyers are rejected under Liaocheng`, `${DB_LOSS} > hearing.validate-agents throws AGENTS_INVALID`],
    note: 'The product requires 1–2 agents in every case, including when the head appears (the texts say "may").',
  },
  {
    id: 'D10',
    title: '代理人须为承办机构或法制机构工作人员',
    gist: 'Agents must be staff of the body that handled the act or of the legal-affairs body.',
    sources: [jh('一、（三）')],
    code: ['src/hearing/agents.ts', 'workers/hearing/validate-agents.ts'],
    tests: [`${UNIT_HEARING} > Jinghai names the offending agent`],
  },
  {
    id: 'D11',
    title: '开庭前提交负责人身份证明',
    gist: 'Before the hearing give the court the appearing head\'s identity certificate (name, post, seal).',
    sources: [lc('第十九条第四款'), law(HEAD_PROVISIONS, '第六条')],
    code: ['processes/hearing.bpmn', 'src/documents/templates/head-appearance-certificate.hbs', 'forms/hearing-documents-submission.form'],
    tests: [GROUP_SUIT, UNABLE_LC],
    note: 'The certificate is made when a head appears and the submission task is due at the hearing time; a certificate that cannot be corrected in time has no automatic consequence.',
  },
  {
    id: 'D12',
    title: '共同被告的负责人出庭',
    gist: 'Co-defendants: the reconsideration organ as sole defendant sends a head of the same-level government; the original agency\'s head appears and the organ may send staff; several agencies appear jointly or agree, else the justice bureau decides.',
    sources: [lc('第二十四条'), law(HEAD_PROVISIONS, '第三条')],
    code: ['src/hearing/head-appearance.ts'],
    tests: [`${UNIT_HEARING} > Liaocheng co-defendants (Art. 24)`, `${UNIT_HEARING} > co-defendants elsewhere: agree, or the court decides`],
  },
  {
    id: 'D13',
    title: '涉企行政案件',
    gist: 'Enterprise cases: raise the principal-head share; a department with more than 20 enterprise cases a year or a loss rate above 10 % holds a case seminar.',
    sources: [lc('第二十三条')],
    code: ['src/hearing/head-appearance.ts', 'src/loss-analysis/loss.ts', 'profiles/liaocheng.yaml', 'processes/loss-analysis.bpmn', 'forms/enterprise-case-seminar.form'],
    tests: [SEMINAR, `${DB_LOSS} > the closed year’s loss rate above 10 % calls one seminar for that year`, `${UNIT_HEARING} > enterprise cases in Liaocheng advise a larger principal-head share`],
    note: 'Per city department and calendar year: more than 20 enterprise cases received call the seminar at once; a loss rate above 10 % is judged when the year is closed, asked for by the next loss analysis (no yearly timer yet).',
  },
  {
    id: 'D14',
    title: '遵守法庭纪律，围绕争议焦点质证',
    gist: 'Keep courtroom discipline, never refuse to appear or leave without leave, and argue the points in dispute.',
    sources: [hn('四、（一）'), jh('一、（5）2'), lc('第二十九条、第三十条')],
    code: ['processes/hearing.bpmn'],
    note: 'Guidance text on the hearing task; conduct in court is not checked.',
  },
  {
    id: 'D15',
    title: '负责人出庭发声、推动实质性化解',
    gist: 'The head speaks at the hearing and works for a substantive resolution of the dispute.',
    sources: [lc('第二十五条'), tz('二、（二）')],
    code: ['processes/hearing.bpmn', 'forms/hearing-attendance.form'],
    note: 'Guidance text on the hearing task and form; not checked.',
  },
  {
    id: 'D16',
    title: '核对庭审笔录后签字',
    gist: 'Check the hearing transcript and have errors corrected before signing.',
    sources: [lc('第三十一条')],
    code: ['processes/hearing.bpmn', 'forms/hearing-transcript.form'],
    tests: [UNABLE_LC],
  },
  {
    id: 'D17',
    title: '代理人在授权范围内代理',
    gist: 'Agents act within their authority, have submissions approved and report important developments.',
    sources: [lc('第二十八条')],
    code: ['src/hearing/agents.ts', 'workers/hearing/validate-agents.ts', 'forms/hearing-appearance-plan.form', 'processes/hearing.bpmn'],
    tests: [
      'test/integration/part2-hearing.test.ts > agents act within their authority (LC Art. 28)',
      'test/unit/hearing/hearing-rules.test.ts > a special authority names its powers',
      'test/unit/hearing/hearing-rules.test.ts > an act the plan expects at the hearing needs an agent with that special power',
    ],
    note: 'The appearance plan records each agent\'s 授权范围 (一般授权 / 特别授权 with its powers: 承认、放弃、变更诉讼请求, 和解、调解, 上诉 — CPL Art. 59 (2017 text) through ALL Art. 101) and the acts the hearing may need; the plan is refused with a Chinese field error when a special authority names no power, a general one claims one, or an expected act has no agent holding it while no head appears. Not modelled: the agency\'s approval of what an agent submits to the court and the agent\'s reports of important developments.',
  },

  // ── E. Judgment, appeal, second instance and retrial ──────────────────────────────────────────
  {
    id: 'E01',
    title: '5日内提出上诉或申请再审建议',
    gist: 'Within 5 days of receiving the decision propose an appeal or retrial if warranted; a head approves, the proposal is filed with the justice bureau.',
    sources: [lc('第三十三条第（一）项')],
    code: ['profiles/national.yaml', 'profiles/liaocheng.yaml', 'src/judgment/assess.ts', 'processes/judgment-and-appeal.bpmn', 'forms/appeal-consideration.form', 'forms/appeal-approval.form', 'forms/appeal-proposal-filing.form'],
    tests: [RULING_LC, LOST_JH, `${UNIT_JUDGMENT} > Liaocheng: the appeal proposal within 5 days`, `${DB_LOSS} > judgment.assess: a ruling served under Liaocheng`],
    note: 'The engine tests check the 5-day due date (Liaocheng) and the approval and lodging of an appeal (Jinghai); the filing task `w_filing` is not run by an engine test.',
  },
  {
    id: 'E02',
    title: '涉及履行的裁判及时提出工作建议',
    gist: 'A decision with performance content, or one needing further handling: send a work proposal to the unit head promptly.',
    sources: [lc('第三十三条第（二）项')],
    code: ['src/judgment/assess.ts'],
    tests: [`${UNIT_JUDGMENT} > Liaocheng: the appeal proposal within 5 days`],
    note: 'A note of the judgment assessment (`lc-performance-proposal`); the performance process (F01) then asks for a plan.',
  },
  {
    id: 'E03',
    title: '裁判文书上传平台、报司法局',
    gist: 'Upload the decision to the platform (Liaocheng); e-mail a scan to the justice bureau within 5 working days (Tengzhou).',
    sources: [lc('第四十四条'), tz('二、（四）')],
    code: ['src/judgment/assess.ts', 'profiles/tengzhou.yaml', 'processes/judgment-and-appeal.bpmn'],
    tests: [TENGZHOU, `${UNIT_JUDGMENT} > Tengzhou: the judgment scan to the justice bureau within 5 working days`, `${UNIT_JUDGMENT} > Liaocheng: the appeal proposal within 5 days`],
    note: 'Tengzhou\'s judgment filing is a task (`j_filing`) with its deadline and a filing record; the Liaocheng platform upload is listed by the judgment assessment, with no platform connection.',
  },
  {
    id: 'E04',
    title: '二审、再审阶段补充证据或意见',
    gist: 'At second instance and retrial submit new evidence or written opinions as the law or the court requires.',
    sources: [lc('第三十四条')],
    code: ['processes/case-lifecycle.bpmn', 'processes/retrial.bpmn', 'profiles/national.yaml'],
    tests: [FULL_APPEAL, FULL_RETRIAL],
    note: 'Part only: the answer to the appeal copy (15 days) and the written opinion on a retrial petition (15 days) run the answer process at that level; evidence or opinions the court asks for later are not modelled.',
  },

  // ── F. Performance and judicial recommendations ───────────────────────────────────────────────
  {
    id: 'F01',
    title: '自觉履行生效裁判',
    gist: 'Perform effective judgments, rulings and mediation documents; the responding unit organises it, other departments help, heads push for it.',
    sources: [yt('二、（六）'), hn('五、（二）'), lc('第三十五条'), jh('一、（七）'), tz('二、（二）')],
    code: ['src/performance/performance.ts', 'workers/performance/assess-overdue.ts', 'processes/performance.bpmn', 'forms/performance-plan.form', 'forms/performance-completion.form', 'profiles/national.yaml'],
    tests: [LOST_JH, EFFECT_MOVES, `${UNIT_PERFORMANCE} > nothing after completion`, `${UNIT_PERFORMANCE} > overdue performance escalation`],
    note: 'A period the decision sets from its effect (自生效之日起N日内, rule `performance-period`, 行政诉讼法94) runs from the effective date; the work is due on the earlier of it and the plan\'s own date, and the period moves when the effective date moves (a later service, the certificate of effect).',
  },
  {
    id: 'F02',
    title: '重作判决不得作出基本相同的行为',
    gist: 'After a judgment ordering the act to be re-made, do not issue a basically identical act on the same facts and reasons (unless annulled only for procedure or the law applied).',
    sources: [hn('五、（二）'), law(ALL, '第七十一条', 'UNCONFIRMED')],
    code: ['src/performance/performance.ts', 'workers/performance/check-remade-act.ts', 'processes/performance.bpmn', 'forms/remade-act.form'],
    tests: [LOST_JH, `${UNIT_PERFORMANCE} > re-made act (重作) limit`],
  },
  {
    id: 'F03',
    title: '上级机关发出履行建议书',
    gist: 'After the court\'s judicial recommendation about non-performance, the agency one level up issues a performance recommendation; the justice bureau may coordinate under ALL Art. 96.',
    sources: [lc('第三十五条第三款'), law(ALL, '第九十六条')],
    code: ['src/performance/performance.ts', 'workers/performance/assess-overdue.ts', 'processes/performance.bpmn'],
    tests: [`${UNIT_PERFORMANCE} > Liaocheng: the upper-level agency`],
    note: 'The escalation names the upper agency\'s duty and tells the justice bureau; the upper agency\'s recommendation itself is not a task.',
  },
  {
    id: 'F04',
    title: '跟踪履行情况',
    gist: 'Track the performance of effective decisions, find the causes of problems and improve.',
    sources: [yt('二、（六）')],
    code: ['src/performance/performance.ts', 'processes/performance.bpmn'],
    tests: [LOST_JH],
    note: 'Performance runs plan → actions → completion with an overdue escalation in every profile; Yantai\'s own wording (`yt-track-performance`) is not asserted by a test.',
  },
  {
    id: 'F05',
    title: '书面回复司法建议',
    gist: 'Reply in writing to a judicial recommendation within the period it sets — which always wins — else 60 days (Yantai, with a copy to the legal-affairs body); 3 months (Hunan); promptly (Liaocheng, also procuratorial recommendations); within the set period (Jinghai, also 规范性文件处理建议书).',
    sources: [yt('三、（一）'), hn('七、（四）'), lc('第三十六条'), jh('一、（七）')],
    code: [
      'src/recommendations/reply.ts',
      'profiles/national.yaml', 'profiles/yantai.yaml', 'profiles/hunan.yaml',
      'workers/recommendation/assess.ts',
      'processes/judicial-recommendation.bpmn',
      'forms/recommendation-reply.form',
      'forms/recommendation-reply-sending.form',
      'src/cases/case-input.ts',
      'src/documents/templates/_recommendation-reply.hbs',
      'src/recommendations/case-recommendations.ts',
    ],
    tests: [
      RECOMMENDATION,
      COURT_PERIOD,
      COURT_PERIOD_HN,
      PROCURATORIAL_API,
      NORMATIVE_API,
      SEVERAL_RECOMMENDATIONS,
      `${UNIT_REPLY} > scenario 6: after the judgment, the reply deadline differs`,
      `${UNIT_REPLY} > Hunan: a period the court sets that is shorter than 3 months wins`,
      `${UNIT_REPLY} > a procuratorial recommendation uses the period it states`,
      'test/unit/recommendations/case-recommendations.test.ts > lists each with its own deadline, reply letter and status',
      'test/db/deadlines/ledger.test.ts > each keeps its own reply deadline, kind and court-set period',
    ],
    note: 'A case may receive several recommendations, also at once: each has its own key, process, reply deadline, reply letter and status (case view `recommendations`).',
  },
  {
    id: 'F06',
    title: '根据司法建议纠正违法行为、完善制度',
    gist: 'Correct an unlawful act or handle its aftermath; fix rules with a general problem.',
    sources: [hn('七、（四）')],
    code: ['src/recommendations/reply.ts', 'processes/judicial-recommendation.bpmn'],
    tests: [RECOMMENDATION, `${UNIT_REPLY} > Hunan: both duties with their source`],
    note: 'The duties are shown on the reply task and the reply records the measures taken; whether they were carried out is not checked.',
  },

  // ── G. Loss analysis and accountability ───────────────────────────────────────────────────────
  {
    id: 'G01',
    title: '败诉案件报告制度',
    gist: 'A reporting system for lost cases.',
    sources: [yt('二、（六）')],
    code: ['src/loss-analysis/loss.ts', 'src/judgment/assess.ts'],
    tests: [`${UNIT_LOSS} > no report period, obligations`, `${UNIT_JUDGMENT} > note on a lost case`],
    note: 'Yantai sets no period: a lost case carries the obligation `yt-loss-report` as a note; no report task is started for it.',
  },
  {
    id: 'G02',
    title: '30日内报送败诉分析报告',
    gist: 'Within 30 days of a losing decision taking effect, send a loss analysis report to the district government.',
    sources: [jh('二、（三）3')],
    code: ['src/loss-analysis/loss.ts', 'profiles/jinghai.yaml', 'workers/loss/assess.ts', 'processes/loss-analysis.bpmn', 'forms/loss-analysis-report.form', 'forms/loss-analysis-report-submission.form'],
    tests: [LOST_JH, EFFECT_LATER_SERVICE, EFFECT_MOVES, `${UNIT_LOSS} > Jinghai: the loss analysis report within 30 days`],
    note: 'The 30 days run from the effective date: when it moves after the case went on at an estimate (a party served later, the court\'s certificate of effect), the report task\'s due date, its overdue timer and the ledger deadline move with it. Losses in administrative reconsideration count in Jinghai (`loss.assess` takes a reconsideration decision), but no court event or API records such a decision yet.',
  },
  {
    id: 'G03',
    title: '问责初步认定与决定',
    gist: 'The district reconsideration body makes a preliminary accountability finding from the report, the facts, the hearing and any judicial recommendation; the district government decides.',
    sources: [jh('二、（三）3')],
    code: ['processes/loss-analysis.bpmn', 'forms/accountability-decision.form'],
    tests: [LOST_JH],
  },
  {
    id: 'G04',
    title: '15日内函告问责追责意见',
    gist: 'Within 15 days of the accountability decision, send the opinion to the district Party organisation department and tell the court.',
    sources: [jh('二、（三）3')],
    code: ['src/loss-analysis/loss.ts', 'profiles/jinghai.yaml', 'processes/loss-analysis.bpmn', 'forms/accountability-letter.form', 'src/documents/templates/accountability-letter.hbs', 'src/documents/document-kinds.ts'],
    tests: [
      LOST_JH,
      `${UNIT_LOSS} > the letter within 15 days of the decision`,
      'test/unit/documents/templates.test.ts > is sealed by the district reconsideration body the Jinghai profile names',
      'test/unit/documents/templates.test.ts > refuses a Jinghai letter sealed by the agency that lost',
    ],
    note: 'The letter is sealed by the district reconsideration body (区行政复议机构) the profile names; a letter issued in the name of the losing agency or another body is refused with a field error.',
  },
  {
    id: 'G05',
    title: '同一领域多次败诉的分析整改',
    gist: 'Repeated losses of a general nature in one field: analyse, set improvement measures, report to the agency and copy the justice bureau.',
    sources: [lc('第三十七条'), tz('三、（四）')],
    code: ['src/loss-analysis/loss.ts', 'processes/loss-analysis.bpmn', 'forms/repeated-loss-analysis.form'],
    tests: [`${DB_LOSS} > two losses in one field within 12 months`],
    note: '"Repeated" is read as 2 or more cases lost in the same field within 12 months. No engine test runs the task `l_repeated`; Tengzhou\'s public criticism is stated as a reason only.',
  },
  {
    id: 'G06',
    title: '一年内多次败诉追究第一责任人',
    gist: 'Several losses within one year with bad social impact make the first-responsible head accountable.',
    sources: [tz('二、（一）')],
    code: ['src/loss-analysis/loss.ts'],
    note: 'Stated in the Tengzhou reason `tz-repeated-loss` of the repeated-loss count; no test asserts it and there is no accountability step.',
  },
  {
    id: 'G07',
    title: '问责情形',
    gist: 'What triggers accountability: head absent without entrusting staff, walk-outs, losses through failing to answer or give evidence, non-performance, ignoring judicial recommendations.',
    sources: [yt('四、（二）'), hn('八、（二）'), jh('二、（三）2'), tz('三、（四）'), lc('第二十六条')],
    outOfScope: `${ISSUE_14} — the triggers are findings over an agency's record that supervisory organs act on.`,
    note: 'Each fact is recorded per case (absence, late answer, overdue performance and replies, with escalations); Jinghai\'s accountability procedure is G03/G04.',
  },
  {
    id: 'G08',
    title: '行政应诉工作考核',
    gist: 'Yearly assessment of head appearance, filing and trial support, performance, judicial recommendations and loss rate; Tengzhou deducts points per loss or absence.',
    sources: [yt('四、（一）'), hn('八、（一）'), lc('第七条、第二十六条'), tz('三、（三）'), jh('二、（三）4')],
    code: ['src/assessment/scoring-items.ts', 'src/assessment/score-sheets.ts', 'src/http/routes/assessment-routes.ts', 'web/src/pages/AssessmentPage.tsx'],
    tests: [
      'test/unit/assessment/scoring-items.test.ts > scoring one item',
      'test/db/assessment/score-sheets-api.test.ts > each deduction is the figure',
      'test/db/assessment/score-sheets-api.test.ts > a justice bureau sets an item',
      'test/db/app/assessment-browser.test.ts > a justice bureau ranks its region',
    ],
    note: 'Score sheets per agency and year from the ledger, each deduction explained and linked to its cases; the policies set no point values, so the points are defaults the justice bureau adjusts with a reason (append-only, audited; docs/assessment.md, decision 0008).',
  },

  // ── H. Reporting, ledger, archive, training and organisation ──────────────────────────────────
  {
    id: 'H01',
    title: '年度行政应诉工作报告',
    gist: 'A written report on the previous year\'s response work: Yantai by 5 January, Liaocheng by 10 January.',
    sources: [yt('四、（一）'), lc('第四十三条第二款')],
    code: [
      'profiles/yantai.yaml', 'profiles/liaocheng.yaml',
      'processes/statistics-annual-report-timer.bpmn',
      'processes/statistics-report.bpmn',
      'src/statistics/reports/report-service.ts',
      'src/statistics/reports/report-composition.ts',
      'src/documents/templates/annual-report.hbs',
      'workers/statistics/draft-report.ts',
      'workers/statistics/file-report.ts',
    ],
    tests: [
      `${UNIT_RULES} > the rule ids of the contract`,
      'test/engine/statistics-reports.test.ts > review shows the ledger’s figures → approval files a PDF and a DOCX',
      'test/db/statistics/statistics-reports.test.ts > a draft’s figures are figureTotals’ for the region',
    ],
    note: 'Started on 1 January by a timer for every Yantai and Liaocheng government (the region\'s figures; a department\'s own report is not drafted), drafted from the ledger, reviewed by the justice bureau, approved by the head, filed as PDF and DOCX (docs/statistics-reports.md).',
  },
  {
    id: 'H02',
    title: '定期报送统计分析',
    gist: 'Departments and towns send statistics, analysis and summaries to the justice bureau periodically; the justice bureau analyses and reports up.',
    sources: [lc('第八条、第九条、第四十三条第一款')],
    outOfScope: `${ISSUE_14}.`,
  },
  {
    id: 'H03',
    title: '季度通报',
    gist: 'Each quarter circulate litigation and head-appearance figures per department and town.',
    sources: [tz('三、（三）')],
    code: ['profiles/tengzhou.yaml', 'processes/statistics-quarterly-circular-timer.bpmn', 'processes/statistics-report.bpmn', 'src/statistics/reports/report-service.ts', 'src/documents/templates/quarterly-circular.hbs'],
    tests: [
      "test/engine/statistics-reports.test.ts > the quarterly circular's timer is due at the same moment on 1 January",
      'test/unit/statistics/report-composition.test.ts > the quarterly circular of Tengzhou: by hearing session',
    ],
    note: 'Started on the first day of each quarter for every Tengzhou government, with the annual report\'s steps. The notice sets no time limit: the 10 working days after the quarter are the product\'s setting (rule quarterly-circular).',
  },
  {
    id: 'H04',
    title: '工作台账',
    gist: 'Keep a ledger of the cases under way and their outcome, for real-time supervision.',
    sources: [jh('二、（三）1')],
    code: ['migrations/20261123_001_ledger_core.ts', 'migrations/20261123_040_case_lifecycle.ts', 'src/ledger/case-events.ts', 'src/cases/case-read-model.ts', 'src/cases/case-list.ts'],
    tests: [ORDINARY, 'test/db/case-events.test.ts > refuses to change or delete an event (append-only)', 'test/db/cases/case-api.test.ts > GET /api/cases filters by agency, stage, year and overdue'],
  },
  {
    id: 'H05',
    title: '使用省级行政应诉信息平台',
    gist: 'Use the provincial information platform: one-network handling, e-service, e-filing checks, real-time statistics.',
    sources: [lc('第四十四条')],
    outOfScope:
      'An obligation of the municipal and county justice bureaus (司法行政机关) “按照省司法厅要求” to use the Shandong provincial platform; that platform has no published interface the product could connect to, and the article sets no case-level step for the agency. The product keeps its own electronic case record (H04) and exports the ledger as .xlsx (GET /api/cases/export.xlsx) for entry into it.',
  },
  {
    id: 'H06',
    title: '结案立卷归档',
    gist: 'File the case record when the case ends, electronically where possible; the justice bureau reviews case files periodically.',
    sources: [lc('第四十六条'), hn('二')],
    code: ['src/archive/case-archive.ts', 'workers/archive/freeze.ts', 'processes/case-archive.bpmn', 'forms/case-archive-review.form', 'processes/case-lifecycle.bpmn', 'src/cases/case-stages.ts', 'workers/judgment/effect-status.ts'],
    tests: [
      JUDGMENT_WON,
      LOST_JH,
      'test/db/archive/case-archive.test.ts > freezes every document version with its SHA-256',
      'test/integration/part2-judgment.test.ts > a won case with no performance is not archived at the estimate',
      'test/integration/part2-judgment.test.ts > service recorded later confirms the date: the case waits for it, then goes to archiving',
      'test/integration/part2-judgment.test.ts > a certificate of effect recorded while performance or the loss analysis ran',
    ],
    note: 'A case is archived only once its effect is confirmed (every service date known or the 生效证明 recorded) and the date reached: until then it waits in stage awaiting-effect, where an appeal within a party\'s own period still goes to second instance. The periodic case-file review (案卷评查) by the justice bureau has no workflow; an archive can be verified against the ledger.',
  },
  {
    id: 'H07',
    title: '应诉培训',
    gist: 'Response training every year (Yantai and Hunan 1–2; Liaocheng and Jinghai at least 1).',
    sources: [yt('四、（三）'), hn('六、（一）'), lc('第四十条'), jh('一、（八）')],
    outOfScope: `Training is organised and held by people; counting it per year is ${ISSUE_14}.`,
    note: 'The yearly numbers are data (`training`).',
  },
  {
    id: 'H08',
    title: '旁听庭审',
    gist: 'Organise hearing observation every year (Hunan 1–2 typical cases; Liaocheng at least 1, full coverage).',
    sources: [hn('七、（二）'), lc('第四十一条'), yt('四、（三）')],
    outOfScope: `Observation is organised and attended by people; counting it per year is ${ISSUE_14}.`,
    note: 'The yearly numbers are data (`hearing-observation`).',
  },
  {
    id: 'H09',
    title: '典型案例库、类案标准与年度表彰',
    gist: 'A typical-case library, standards for similar cases, and yearly commendation of advanced units.',
    sources: [lc('第四十二条、第四十九条')],
    outOfScope: 'Knowledge work and commendations of the justice bureau and the government, outside the life cycle of a case.',
  },
  {
    id: 'H10',
    title: '保密、案件用车、材料安全',
    gist: 'Confidentiality, a vehicle for case work, no loss of documents.',
    sources: [lc('第四十五条')],
    outOfScope: 'Organisational duties (staff conduct, vehicles, paper files) that no software carries out.',
    note: 'The product limits what each user sees to the tasks of their groups and agencies, and keeps documents with their SHA-256.',
  },
  {
    id: 'H11',
    title: '舆情处置情况报告政府',
    gist: 'Report the handling of public opinion about a case to the government.',
    sources: [lc('第四十八条')],
    code: ['src/cases/case-input.ts', 'src/cases/case-stages.ts', 'processes/public-opinion-report.bpmn', 'forms/public-opinion-report.form'],
    tests: [
      'test/integration/part2-public-opinion.test.ts > it starts the report to the government',
      'test/integration/part2-public-opinion.test.ts > a report date before the incident is refused',
      'test/unit/cases/procedure-and-stages.test.ts > public opinion about a case (LC Art. 48) is taken at any stage',
    ],
    note: 'Public opinion about a case is recorded through the case API (event public-opinion-incident: date, summary, the report date the government\'s rules set — “按规定及时” fixes no period, so the office enters it), at any stage, also after archiving; its own process gives the legal-affairs body the report task due on that date and records the report (event public-opinion-reported). The publicity and opinion management of the article\'s first half are not case steps.',
  },
  {
    id: 'H12',
    title: '与法院、检察院联席会议',
    gist: 'Joint meetings with the court and the procuratorate; court–government linkage.',
    sources: [lc('第四十七条'), jh('二、（二）')],
    outOfScope: 'Meetings between institutions, outside the life cycle of a case.',
  },
  {
    id: 'H13',
    title: '应诉人员报市司法局备案',
    gist: 'Staff added to the response team (preferably legally qualified) are registered with the city justice bureau.',
    sources: [tz('三、（二）')],
    outOfScope: 'A staffing matter between the agency and the justice bureau; the product keeps people and roles but not their registration.',
  },
  {
    id: 'H14',
    title: '应诉经费纳入预算',
    gist: 'Response funding goes into the agency\'s budget.',
    sources: [hn('六、（三）'), yt('四、（三）')],
    outOfScope: 'Budgeting, which no case software does.',
  },
];
