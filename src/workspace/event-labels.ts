// Chinese names of the case's ledger events for the timeline (案件时间轴) of the case page, so the
// browser never shows an event type.
import { EVENT_LABELS } from '../cases/case-stages.ts';
import type { CaseEventType } from '../cases/case-input.ts';

const LEDGER_EVENT_LABELS: Record<string, string> = {
  'case-registered': '案件登记',
  'stage-changed': '阶段变更',
  'responding-units-assigned': '确定应诉单位',
  'head-appearance-decided': '确定出庭负责人',
  'hearing-held': '庭审记录',
  'loss-assessed': '败诉分析',
  'case-archived': '结案归档',
  'document.generated': '生成文书',
  'deadline.added': '新增期限',
  'deadline.changed': '期限重新计算',
  'deadline.removed': '期限取消',
  'report-filed': '报备',
};

export function eventLabel(type: string): string {
  if (type.startsWith('court-event:')) return EVENT_LABELS[type.slice('court-event:'.length) as CaseEventType] ?? '法院事件';
  return LEDGER_EVENT_LABELS[type] ?? (type.startsWith('deadline.') ? '期限变更' : type.startsWith('document') ? '文书' : '案件记录');
}
