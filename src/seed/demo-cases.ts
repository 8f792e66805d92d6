// Demo cases (演示案件) for the local deployment: a handful of suits at different stages across the
// demo region, dated relative to today so that the ledger shows every warning colour. They go in
// through the import of cases in progress (the same checks, registration and mid-way process start
// as an agency's own ledger), queued as one import job that `npm start`'s import runner carries out.
import { shanghaiDateOf } from '../deadlines/dates.ts';
import type { Db } from '../db/database.ts';
import { createImportJob } from '../imports/case-import-jobs.ts';
import { excelDate, importWorkbook, type ImportSheetRow } from '../imports/import-workbook.ts';

const DAY_MS = 86_400_000;

/** The calendar date `days` after `today` (negative: before), as YYYY-MM-DD. */
function dayFrom(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The demo ledger as an agency would fill in the import template. */
export function demoCaseRows(today: string): ImportSheetRow[] {
  const on = (days: number) => excelDate(dayFrom(today, days));
  const year = today.slice(0, 4);
  const base = (agency: string, number: string, court: string, cause: string, act: string, plaintiffs: string, receivedDaysAgo: number): ImportSheetRow => ({
    被告机关: agency,
    案号: `（${year}）${number}`,
    审级: '一审',
    法院: court,
    案由: cause,
    被诉行政行为: act,
    原告: plaintiffs,
    收到起诉状日期: on(-receivedDaysAgo),
  });
  return [
    { ...base('liaocheng-dept', '鲁1502行初101号', '聊城市东昌府区人民法院', '土地行政征收', '聊城市自然资源和规划局作出的征收补偿决定', '李某某', 0), 当前阶段: '收件登记' },
    { ...base('liaocheng-dept', '鲁1502行初87号', '聊城市东昌府区人民法院', '行政处罚', '聊城市自然资源和规划局作出的聊自然资罚〔' + year + '〕9号行政处罚决定', '聊城某建材有限公司', 9), 当前阶段: '答辩举证' },
    { ...base('demo-market', '示0102行初45号', '示例市人民路区人民法院', '行政处罚', '示例市市场监督管理局作出的示市监罚〔' + year + '〕31号行政处罚决定', '示例某食品有限公司', 12), 当前阶段: '答辩举证' },
    { ...base('yantai-dept', '鲁0613行初66号', '烟台市莱山区人民法院', '行政许可', '烟台市住房和城乡建设局作出的不予许可决定', '王某、赵某', 40), 当前阶段: '答辩完毕，等待开庭', 答辩提交日期: on(-27) },
    { ...base('tengzhou-dept', '鲁0481行初23号', '滕州市人民法院', '行政处罚', '滕州市市场监督管理局作出的滕市监罚〔' + year + '〕5号行政处罚决定', '滕州某商贸有限公司', 50), 当前阶段: '出庭应诉', 答辩提交日期: on(-37), 开庭时间: `${dayFrom(today, 4)} 09:30` },
    { ...base('jinghai-dept', '津0118行初12号', '天津市静海区人民法院', '行政强制', '天津市静海区城市管理委员会作出的限期拆除决定', '周某某', 95), 当前阶段: '裁判与上诉', 答辩提交日期: on(-82), 裁判文书类型: '判决', 裁判结果: '胜诉', 裁判文书送达日期: on(-3) },
    { ...base('hunan-dept', '湘0102行初30号', '长沙市芙蓉区人民法院', '行政登记', '湖南省自然资源厅作出的不动产登记行为', '湖南某置业有限公司', 100), 当前阶段: '裁判与上诉', 答辩提交日期: on(-86), 裁判文书类型: '判决', 裁判结果: '败诉', 裁判文书送达日期: on(-2) },
  ];
}

/**
 * Queues the demo ledger as an import job of the admin when the ledger holds no case yet; answers
 * how many cases it queued (0 when there were cases already).
 */
export async function queueDemoCases(db: Db, today = shanghaiDateOf(new Date())): Promise<number> {
  const hasCases = await db('cases').first('id');
  if (hasCases) return 0;
  const rows = demoCaseRows(today);
  await createImportJob(db, { login: 'admin', visibleAgencyIds: null }, { fileName: '演示案件.xlsx', content: await importWorkbook(rows) }, { today });
  return rows.length;
}
