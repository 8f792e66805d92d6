// The admin page for the holiday calendar (节假日维护): covered years, add a year's arrangement, correct
// single days. It posts to the JSON API and lists the deadlines the recomputation changed.
import type { CoveredYear } from './calendar.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderCalendarAdminPage(years: (CoveredYear & { addedAt?: Date })[], apiBase: string): string {
  const rows = years
    .map((y) => `<tr><td>${y.year}</td><td>${escapeHtml(y.notice)}</td><td>${escapeHtml(y.source)}</td></tr>`)
    .join('');
  const nextYear = Math.max(...years.map((y) => y.year)) + 1;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>节假日数据维护 — 行政应诉期限</title>
<style>
 body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2rem; max-width: 60rem; }
 table { border-collapse: collapse; margin: .5rem 0 1.5rem; } td, th { border: 1px solid #ccc; padding: .25rem .6rem; text-align: left; }
 textarea { width: 100%; font-family: monospace; } label { display: block; margin: .6rem 0 .2rem; }
 .error { color: #b00; } .ok { color: #070; } fieldset { margin-bottom: 1.5rem; }
</style>
</head>
<body>
<h1>节假日数据维护</h1>
<p>期限计算只信任下列年份的放假安排。未列入的年份，期限为“暂定”（不作未知的顺延，保证不逾期）；录入该年放假安排后，系统自动重新计算全部暂定期限，并在案件台账中记录每一项变更。</p>
<h2>已覆盖年份</h2>
<table><thead><tr><th>年份</th><th>放假通知</th><th>数据来源</th></tr></thead><tbody>${rows}</tbody></table>

<form id="year-form">
<fieldset><legend>录入一年的放假安排</legend>
<label for="year">年份</label><input id="year" name="year" type="number" min="2004" max="2099" value="${nextYear}" required>
<label for="notice">放假通知（文号或标题）</label><input id="notice" name="notice" size="60" value="国务院办公厅关于${nextYear}年部分节假日安排的通知" required>
<label for="days">放假日和调休上班日（每行一项：日期 休/班 名称，例如“${nextYear}-01-01 休 元旦”；也可粘贴 holiday-cn 格式的 JSON）</label>
<textarea id="days" name="days" rows="14" required></textarea>
<p><button type="submit">保存并重新计算</button></p>
</fieldset>
</form>

<form id="correction-form">
<fieldset><legend>更正单日</legend>
<label for="c-date">日期</label><input id="c-date" name="date" type="date" required>
<label for="c-kind">类型</label><select id="c-kind" name="kind"><option value="off">休息日</option><option value="work">工作日（调休上班）</option></select>
<label for="c-name">名称</label><input id="c-name" name="name" required>
<label for="c-reason">更正原因</label><input id="c-reason" name="reason" size="60" required>
<p><button type="submit">保存并重新计算</button></p>
</fieldset>
</form>

<h2>结果</h2>
<div id="result" aria-live="polite">尚未提交。</div>

<script>
const api = ${JSON.stringify(apiBase)};
function parseDays(text) {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const data = JSON.parse(trimmed);
    return (Array.isArray(data) ? data : data.days).map((d) => ({ date: d.date, isOffDay: Boolean(d.isOffDay), name: d.name }));
  }
  return trimmed.split(/\\n+/).filter(Boolean).map((line, i) => {
    const [date, kind, ...name] = line.trim().split(/\\s+/);
    if (!['休', '班'].includes(kind)) throw new Error('第' + (i + 1) + '行：第二项应为“休”或“班”');
    return { date, isOffDay: kind === '休', name: name.join(' ') || (kind === '休' ? '休息日' : '调休上班') };
  });
}
function show(res, body) {
  const el = document.getElementById('result');
  if (!res.ok) {
    const fields = (body.error && body.error.fields || []).map((f) => '<li>' + f.field + '：' + f.message + '</li>').join('');
    el.innerHTML = '<p class="error">保存失败：' + (body.error ? body.error.message : res.status) + '</p><ul>' + fields + '</ul>';
    return;
  }
  const rows = body.changes.map((c) => '<tr><td>' + c.caseId + '</td><td>' + c.rule + '</td><td>' + ({added:'新增',changed:'变更',removed:'删除'})[c.change] + '</td><td>' + (c.oldDue || '') + ' ' + (c.oldStatus || '') + '</td><td>' + (c.newDue || '') + ' ' + (c.newStatus || '') + '</td></tr>').join('');
  el.innerHTML = '<p class="ok">已保存（变更编号 ' + body.changeId + '）。重新计算了 ' + body.casesExamined + ' 件案件，' + body.changes.length + ' 项期限发生变化。</p>' +
    (rows ? '<table><thead><tr><th>案件</th><th>规则</th><th>变化</th><th>原期限</th><th>新期限</th></tr></thead><tbody>' + rows + '</tbody></table>' : '');
}
async function post(path, payload) {
  const res = await fetch(api + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
  show(res, await res.json());
}
document.getElementById('year-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  try {
    await post('/admin/calendar/years', { year: Number(f.year.value), notice: f.notice.value, days: parseDays(f.days.value) });
  } catch (err) { document.getElementById('result').innerHTML = '<p class="error">' + err.message + '</p>'; }
});
document.getElementById('correction-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = e.target;
  await post('/admin/calendar/corrections', { reason: f.reason.value, days: [{ date: f.date.value, isOffDay: f.kind.value === 'off', name: f.name.value }] });
});
</script>
</body>
</html>`;
}
