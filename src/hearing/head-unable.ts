// The head cannot appear (负责人不能出庭): what the profile lets the agency do instead, as data, and
// which documents follow — the written explanation (负责人不能出庭情况说明, 法释〔2020〕3号 Art. 9) and,
// in Liaocheng, the report within one month when no head appeared (rule head-absence-report, LC Art. 20).
import { z } from 'zod';
import { inputErrorFromZod } from '../errors.ts';
import { ALL, HEAD_PROVISIONS, hn, jh, law, lc, reason, reasonsText, tz, yt, type Citation, type Reason } from '../policy-sources/citations.ts';
import { jurisdictionInForce, type Jurisdiction } from '../policy-sources/profiles.ts';

/** 法释〔2020〕3号 Art. 8: the justified reasons (正当理由). */
export const ABSENCE_REASONS = {
  'force-majeure': '不可抗力',
  accident: '意外事件',
  'irreplaceable-official-duty': '需要履行他人不能代替的公务',
  other: '无法出庭的其他正当事由',
} as const;
export type AbsenceReason = keyof typeof ABSENCE_REASONS;

export type FallbackOption = 'temporary-head' | 'another-head' | 'request-postponement' | 'entrust-staff' | 'entrust-handling-body-staff';

export const FALLBACK_OPTION_LABELS: Record<FallbackOption, string> = {
  'temporary-head': '由主要负责人确定临时出庭应诉负责人',
  'another-head': '委托本机关其他负责人出庭',
  'request-postponement': '申请人民法院延期开庭',
  'entrust-staff': '委托本机关相应的工作人员出庭（不得仅委托律师）',
  'entrust-handling-body-staff': '委托具体承办机关或机构相应工作人员出庭',
};

interface FallbackOptionRule {
  option: FallbackOption;
  text: string;
  source: Citation;
  /** only for agencies at this level or above (Yantai: county-level and higher governments) */
  onlyGovernmentAtCountyOrAbove?: boolean;
}

interface ProfileFallback {
  /** report at once to the principal head, who decides (Liaocheng) */
  reportImmediatelyToPrincipalHead?: Reason;
  /** explain the situation to the court (Hunan) */
  explainToCourt?: Reason;
  options: FallbackOptionRule[];
  /** the report within one month when no head appeared (rule id of the deadline engine) */
  headAbsenceReport?: Reason & { ruleId: string };
  extra?: Reason[];
}

const NATIONAL_OPTIONS: FallbackOptionRule[] = [
  { option: 'entrust-staff', text: '负责人不能出庭的，应当委托行政机关相应的工作人员出庭，不得仅委托律师', source: law(ALL, '第三条第三款', `并见${HEAD_PROVISIONS}第十条`) },
  { option: 'request-postponement', text: '负责人有正当理由不能出庭的，行政机关可以申请延期开庭', source: law(HEAD_PROVISIONS, '第九条') },
];

/** The fallback of each profile (catalog D07, D08). */
export const HEAD_UNABLE_FALLBACKS: Record<Jurisdiction, ProfileFallback> = {
  national: { options: NATIONAL_OPTIONS },
  liaocheng: {
    reportImmediatelyToPrincipalHead: reason(
      'lc-report-principal-head',
      '出现法释〔2020〕3号第八条规定的例外情形不能及时出庭的，应当第一时间报告本机关主要负责人，由其确定临时出庭应诉负责人或申请法院延期开庭',
      lc('第二十条'),
    ),
    options: [
      { option: 'temporary-head', text: '由主要负责人确定临时出庭应诉负责人', source: lc('第二十条') },
      { option: 'request-postponement', text: '由主要负责人决定申请人民法院延期开庭', source: lc('第二十条') },
    ],
    headAbsenceReport: {
      ...reason('lc-head-absence-report', '负责人未出庭应诉的，涉及的相关负责人（含主要负责人）要在一个月内向本级党委和政府主要负责人书面报告情况', lc('第二十条')),
      ruleId: 'head-absence-report',
    },
  },
  hunan: {
    explainToCourt: reason('hn-explain-to-court', '拟出庭的负责人因特殊事由不能出庭且人民法院不宜更改开庭时间的，应当向人民法院说明情况', hn('四、（二）')),
    options: [{ option: 'another-head', text: '委托行政机关其他负责人出庭应诉', source: hn('四、（二）') }],
  },
  yantai: {
    options: [
      { option: 'entrust-staff', text: '负责人确有正当理由不能出庭的，应书面说明并委托相应工作人员出庭，不能仅委托律师出庭', source: yt('二、（四）') },
      {
        option: 'entrust-handling-body-staff',
        text: '县级及以上政府（管委）负责人因公务不能出庭应诉的，可以委托具体承办机关或机构相应工作人员出庭应诉',
        source: yt('二、（四）'),
        onlyGovernmentAtCountyOrAbove: true,
      },
    ],
  },
  jinghai: {
    options: [{ option: 'entrust-staff', text: '负责人不能出庭应诉的，不得仅委托律师或者兼职政府法律顾问出庭', source: jh('一、（4）') }, NATIONAL_OPTIONS[1]!],
  },
  tengzhou: {
    options: NATIONAL_OPTIONS,
    extra: [reason('tz-every-hearing', '坚持“有庭必出”；负责人无正当理由不按规定出庭应诉的，予以通报批评并在考核中扣分', tz('三、（三）、（四）'))],
  },
};

export const HeadUnableSchema = z.object({
  profile: z.string({ message: '缺少规则配置 profile' }),
  decisionDate: z.string({ message: '缺少决定日期 decisionDate（YYYY-MM-DD）' }),
  absenceReason: z.enum(Object.keys(ABSENCE_REASONS) as [AbsenceReason, ...AbsenceReason[]], { message: '不能出庭的理由应为 force-majeure、accident、irreplaceable-official-duty 或 other' }).optional(),
  /** agency kind and level (ledger agencies.kind / level), for Yantai's county-government option */
  agencyKind: z.string().optional(),
  agencyLevel: z.enum(['province', 'city', 'county', 'township']).optional(),
  /** after the hearing: whether any head appeared (a temporary or another head counts) */
  headAppeared: z.boolean().optional(),
});
export type HeadUnableInput = z.input<typeof HeadUnableSchema>;

export interface HeadUnableResult {
  jurisdiction: Jurisdiction;
  /** steps to take first (Liaocheng: report to the principal head; Hunan: explain to the court) */
  firstSteps: Reason[];
  options: { option: FallbackOption; label: string; text: string; source: string }[];
  /** 负责人不能出庭情况说明: always, sealed by the agency or signed by its principal head */
  writtenExplanation: { required: true; documentTitle: '负责人不能出庭情况说明'; reason: Reason };
  /** whether the reason given is one of the justified reasons of Art. 8 */
  reasonJustified: boolean | null;
  warnings: Reason[];
  /** Liaocheng: the one-month report when no head appeared */
  headAbsenceReport: { applies: boolean; required: boolean | null; ruleId: string | null; reason: Reason | null };
}

export function headUnableFallback(raw: HeadUnableInput | unknown): HeadUnableResult {
  const parsed = HeadUnableSchema.safeParse(raw);
  if (!parsed.success) throw inputErrorFromZod(parsed.error);
  const input = parsed.data;
  const j = jurisdictionInForce(input.profile, input.decisionDate, { profile: 'profile', date: 'decisionDate' });
  const fb = HEAD_UNABLE_FALLBACKS[j];
  const countyOrAboveGovernment = input.agencyKind === 'government' && input.agencyLevel !== undefined && input.agencyLevel !== 'township';
  const options = fb.options
    .filter((o) => !o.onlyGovernmentAtCountyOrAbove || countyOrAboveGovernment)
    .map((o) => {
      const r = reason(o.option, o.text, o.source);
      return { option: o.option, label: FALLBACK_OPTION_LABELS[o.option], text: r.text, source: r.source };
    });
  const warnings: Reason[] = [...(fb.extra ?? [])];
  if (input.absenceReason === undefined) {
    warnings.push(
      reason('absence-reason-missing', '未说明不能出庭的正当理由：负责人无正当理由不出庭的，人民法院应当向监察机关、上一级行政机关提出司法建议', law(HEAD_PROVISIONS, '第八条、第十二条')),
    );
  }
  const report = fb.headAbsenceReport;
  return {
    jurisdiction: j,
    firstSteps: [fb.reportImmediatelyToPrincipalHead, fb.explainToCourt].filter((r): r is Reason => Boolean(r)),
    options,
    writtenExplanation: {
      required: true,
      documentTitle: '负责人不能出庭情况说明',
      reason: reason('written-explanation', '负责人不能出庭的，应当向人民法院提交情况说明，并加盖行政机关印章或者由该机关主要负责人签字认可', j === 'yantai' ? yt('二、（四）') : law(HEAD_PROVISIONS, '第九条')),
    },
    reasonJustified: input.absenceReason === undefined ? null : true,
    warnings,
    headAbsenceReport: report
      ? { applies: true, required: input.headAppeared === undefined ? null : !input.headAppeared, ruleId: report.ruleId, reason: { code: report.code, text: report.text, source: report.source, citation: report.citation } }
      : { applies: false, required: false, ruleId: null, reason: null },
  };
}

/**
 * What the decision form head-unable-decision shows: the choices of its radio (valuesKey
 * headUnableChoices, the options as {label, value}), the first steps and the options as one line each
 * (text（source）, joined by "；"). Were FEEL expressions on the task p_unable of the hearing diagram.
 */
export function headUnableFormValues(result: Pick<HeadUnableResult, 'firstSteps' | 'options'>): {
  headUnableChoices: { label: string; value: FallbackOption }[];
  headUnableFirstStepsText: string;
  headUnableOptionsText: string;
} {
  return {
    headUnableChoices: result.options.map((o) => ({ label: o.label, value: o.option })),
    headUnableFirstStepsText: reasonsText(result.firstSteps),
    headUnableOptionsText: result.options.map((o) => `${o.label}：${o.text}（${o.source}）`).join('；'),
  };
}
