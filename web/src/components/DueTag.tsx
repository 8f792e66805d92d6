import { Tag } from 'antd';
import { dateZh, daysFromToday } from '../format.ts';

/** A task's or deadline's due date with the warning colour: red overdue, orange within 3 days, gold this week. */
export function DueTag({ due }: { due: string | null }) {
  if (!due) return <span className="muted">无期限</span>;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : new Date(Date.parse(due) + 8 * 3600_000).toISOString().slice(0, 10);
  const left = daysFromToday(day);
  const color = left < 0 ? 'red' : left <= 3 ? 'orange' : left <= 7 ? 'gold' : undefined;
  const text = left < 0 ? `已逾期${-left}日` : left === 0 ? '今日届满' : `还有${left}日`;
  return (
    <Tag color={color}>
      {dateZh(day)}（{text}）
    </Tag>
  );
}
