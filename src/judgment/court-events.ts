// Which court events the court can send in which stage (part 2 of the life cycle), and why not
// otherwise. Data for the case API: an event that cannot apply gets 409 with the Chinese reason. A
// court event may arrive whenever the real court could send it: a ruling can end a case before any
// hearing, a judicial or procuratorial recommendation can come at any time, also after archiving.
// Which stage allows which event is stated once, in src/cases/stage-table.ts (courtMaySend); this
// module adds the reasons.
import { LEGAL_STAGES, STAGE_TABLE, type LegalStage } from '../cases/stage-table.ts';

export const CASE_STAGES: readonly LegalStage[] = LEGAL_STAGES;
export type CaseStage = LegalStage;

export const CASE_STAGE_LABELS = Object.fromEntries(CASE_STAGES.map((s) => [s, STAGE_TABLE[s].label])) as Record<CaseStage, string>;

export const COURT_EVENTS = [
  'hearing-scheduled', // 传票：开庭时间
  'hearing-moved', // 开庭时间变更
  'head-appearance-notice', // 法院通知负责人 / 主要负责人出庭
  'judgment-served', // 判决书 / 裁定书 / 调解书送达
  'judgment-served-to-party', // 向其他当事人送达（各方上诉期各自起算）
  'judgment-effective', // 法院出具生效证明
  'appeal-filed', // 一方提起上诉（原告或本机关）
  'appeal-copy-served', // 上诉状副本送达
  'retrial-petition-served', // 再审申请书副本送达
  'judicial-recommendation', // 司法建议书
  'procuratorial-recommendation', // 检察建议书
  'case-withdrawn', // 原告撤诉（准许撤诉裁定）
  'site-investigation', // 法院组织现场调查、协调会
] as const;
export type CourtEvent = (typeof COURT_EVENTS)[number];

/** Stages without an effective decision of the current level yet. */
const PENDING = CASE_STAGES.filter((s) => 'pending' in STAGE_TABLE[s]);

/** event → why the stages that accept it do and, for every other stage, the reason it does not apply. */
const COURT_EVENT_REASONS: Record<CourtEvent, { why: string; rejected: (stage: CaseStage) => string }> = {
  'hearing-scheduled': {
    why: '开庭传票在案件审理中（一审、二审、再审）送达；一个审理程序可以多次开庭',
    rejected: (s) => `案件处于“${CASE_STAGE_LABELS[s]}”阶段，不在审理程序中，不能接收开庭传票${s === 'registration' ? '（请先完成收件登记）' : ''}`,
  },
  'hearing-moved': {
    why: '已经确定的开庭时间才能变更',
    rejected: (s) => `案件处于“${CASE_STAGE_LABELS[s]}”阶段，没有待开的庭审，不能变更开庭时间`,
  },
  'head-appearance-notice': {
    why: '人民法院在开庭3日前通知负责人出庭（法释〔2020〕3号第五条），仅在审理中有效',
    rejected: (s) => `案件处于“${CASE_STAGE_LABELS[s]}”阶段，没有待开的庭审，负责人出庭通知不适用`,
  },
  'judgment-served': {
    why: '审理中的案件可以收到判决、裁定或调解书（驳回起诉等裁定可在开庭前作出）；裁判与上诉阶段可收到补正裁定',
    rejected: (s) =>
      s === 'registration'
        ? '案件尚未完成收件登记，请先登记后再录入裁判文书'
        : `案件处于“${CASE_STAGE_LABELS[s]}”阶段，本审级的裁判已经生效；新的裁判文书须在二审或再审中送达`,
  },
  'judgment-served-to-party': {
    why: '各方当事人的上诉期自各自收到裁判文书之日起计算（《行政诉讼法》第八十五条），上诉期内录入向其他当事人送达的日期，生效日随之确定',
    rejected: (s) =>
      PENDING.includes(s) ? `案件处于“${CASE_STAGE_LABELS[s]}”阶段，尚未收到本审级的裁判文书，请先录入 judgment-served` : `案件处于“${CASE_STAGE_LABELS[s]}”阶段，上诉期已过、生效日已经确定，送达日期不能再改变生效日`,
  },
  'judgment-effective': {
    why: '人民法院出具的生效证明确认裁判的生效日',
    rejected: (s) => (PENDING.includes(s) ? `案件处于“${CASE_STAGE_LABELS[s]}”阶段，尚无本审级的裁判，不能录入生效证明` : `案件处于“${CASE_STAGE_LABELS[s]}”阶段，生效日已经确定`),
  },
  'appeal-filed': {
    why: '上诉只能在一审裁判送达后、上诉期内提出（《行政诉讼法》第八十五条）',
    rejected: (s) =>
      PENDING.includes(s)
        ? `案件处于“${CASE_STAGE_LABELS[s]}”阶段，尚无可上诉的一审裁判`
        : `案件处于“${CASE_STAGE_LABELS[s]}”阶段，裁判已经生效，不能再提起上诉（可在生效后6个月内申请再审）`,
  },
  'appeal-copy-served': {
    why: '对方上诉后，一审法院送达上诉状副本，本机关在收到之日起15日内答辩（《民事诉讼法》第一百六十七条（2017年文本），依《行政诉讼法》第一百零一条适用）',
    rejected: (s) => `案件处于“${CASE_STAGE_LABELS[s]}”阶段，没有上诉，不能接收上诉状副本`,
  },
  'retrial-petition-served': {
    why: '再审申请针对已经发生法律效力的裁判，可在生效后6个月内提出；申请再审不停止履行',
    rejected: (s) => (s === 'retrial' ? '案件已在再审中，再审申请书副本不能重复送达' : `案件处于“${CASE_STAGE_LABELS[s]}”阶段，尚无生效裁判，不能申请再审`),
  },
  'judicial-recommendation': {
    why: '司法建议可在任何时候送达，包括结案归档之后',
    rejected: () => '',
  },
  'procuratorial-recommendation': {
    why: '检察建议可在任何时候送达，包括结案归档之后',
    rejected: () => '',
  },
  'site-investigation': {
    why: '人民法院在审理中认为需要组织现场调查或协调的，应诉承办单位应当积极配合，并组织协调有关部门、单位参加（聊城市办法第十三条第三款）',
    rejected: (s) => `案件处于“${CASE_STAGE_LABELS[s]}”阶段，不在审理程序中，没有需要配合的现场调查或协调会`,
  },
  'case-withdrawn': {
    why: '宣判前原告可以申请撤诉；上诉人可在二审宣判前撤回上诉',
    rejected: (s) => `案件处于“${CASE_STAGE_LABELS[s]}”阶段，裁判已经生效，不能撤诉`,
  },
};

function courtMaySend(stage: CaseStage, event: CourtEvent): boolean {
  return (STAGE_TABLE[stage].courtMaySend as readonly CourtEvent[]).includes(event);
}

export type CourtEventCheck = { accepted: true; why: string } | { accepted: false; reason: string };

/** Whether a case in `stage` can take `event`; unknown names are rejected with the known lists. */
export function acceptsCourtEvent(stage: string, event: string): CourtEventCheck {
  if (!(COURT_EVENTS as readonly string[]).includes(event)) return { accepted: false, reason: `未知的法院事件“${event}”；可用：${COURT_EVENTS.join('、')}` };
  if (!(CASE_STAGES as readonly string[]).includes(stage)) return { accepted: false, reason: `未知的案件阶段“${stage}”；可用：${CASE_STAGES.join('、')}` };
  const rule = COURT_EVENT_REASONS[event as CourtEvent];
  return courtMaySend(stage as CaseStage, event as CourtEvent) ? { accepted: true, why: rule.why } : { accepted: false, reason: rule.rejected(stage as CaseStage) };
}

/** The whole table as stage → events, for documentation and the UI. */
export function courtEventsByStage(): Record<CaseStage, CourtEvent[]> {
  return Object.fromEntries(CASE_STAGES.map((s) => [s, COURT_EVENTS.filter((e) => courtMaySend(s, e))])) as Record<CaseStage, CourtEvent[]>;
}
