// The periodic statistics reports (定期报告) as data: which report each profile asks for, which
// agency draws it up for which region, when the timer starts it, which deadline rule gives its due
// date and which policy text asks for it (rules catalogue H01, H03).
import type { Citation } from '../../deadlines/rules.ts';
import { lc, tz, yt } from '../../policy-sources/citations.ts';
import { periodOf, type Period } from '../periods.ts';

export type ReportKind = 'annual-report' | 'quarterly-circular';
export const REPORT_KINDS: readonly ReportKind[] = ['annual-report', 'quarterly-circular'];

export interface ReportKindInfo {
  kind: ReportKind;
  /** the Chinese name shown to users */
  name: string;
  /** the profiles whose governments draw the report up, each with the policy text */
  profiles: { profile: string; rule: string; source: Citation; addressee: string }[];
  /** the deadline rule (profiles/*.yaml) giving the due date from the period's last day */
  deadlineRule: string;
  /** the deadline trigger the period's last day is given as */
  trigger: 'reportYearEnd' | 'reportPeriodEnd';
}

export const REPORT_KIND_INFO: Record<ReportKind, ReportKindInfo> = {
  'annual-report': {
    kind: 'annual-report',
    name: '年度行政应诉工作报告',
    profiles: [
      { profile: 'yantai', rule: '次年1月5日前书面报告市政府法制办', source: yt('四、（一）'), addressee: '市人民政府' },
      { profile: 'liaocheng', rule: '次年1月10日前向上一级人民政府书面报告', source: lc('第四十三条第二款'), addressee: '上一级人民政府' },
    ],
    deadlineRule: 'annual-report',
    trigger: 'reportYearEnd',
  },
  'quarterly-circular': {
    kind: 'quarterly-circular',
    name: '行政应诉工作季度通报',
    profiles: [{ profile: 'tengzhou', rule: '每季度通报各部门、各镇街行政诉讼和负责人出庭应诉情况', source: tz('三、（三）'), addressee: '各镇人民政府、街道办事处，市政府各部门' }],
    deadlineRule: 'quarterly-circular',
    trigger: 'reportPeriodEnd',
  },
};

export const reportKindName = (kind: ReportKind): string => REPORT_KIND_INFO[kind].name;

/** The policy text asking for the report, as users read it: 《聊城市行政应诉工作管理办法》第四十三条第二款 (no seed file names). */
export function reportSourceText(kind: ReportKind, profile: string): string | null {
  const source = REPORT_KIND_INFO[kind].profiles.find((p) => p.profile === profile)?.source;
  return source ? `《${source.document}》${source.article}` : null;
}

/** The profiles that ask for a kind of report. */
export const profilesFor = (kind: ReportKind): string[] => REPORT_KIND_INFO[kind].profiles.map((p) => p.profile);

/**
 * The period a report started on `today` (Asia/Shanghai, the engine's clock) covers: the annual
 * report the year before, the quarterly circular the quarter before (the timers fire just after
 * the period ends).
 */
export function reportPeriodOn(kind: ReportKind, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (kind === 'annual-report') return periodOf(year - 1, null);
  const quarter = Math.floor((month - 1) / 3) + 1;
  return quarter === 1 ? periodOf(year - 1, 4) : periodOf(year, (quarter - 1) as 1 | 2 | 3);
}

/** 草稿 / 已审核 / 已报送 */
export const REPORT_STATUS_LABELS = { draft: '草稿', approved: '已审核', filed: '已报送' } as const;
export type ReportStatus = keyof typeof REPORT_STATUS_LABELS;
