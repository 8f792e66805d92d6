// statistics.schedule-reports: a report timer fired (processes/statistics-annual-report-timer.bpmn,
// statistics-quarterly-circular-timer.bpmn). Starts one statistics-report instance per government
// whose profile asks for the report (annual: Yantai, Liaocheng; quarterly: Tengzhou), for the period
// that just ended on the ENGINE's clock, through the engine outbox: keyed by kind, period and
// government, so a redelivered job or a second firing starts nothing twice.
// Header reportKind: annual-report | quarterly-circular. Output: reportPeriod, reportsScheduled.
import { InputError } from '../../src/errors.ts';
import { shanghaiDateOf } from '../../src/deadlines/dates.ts';
import { REPORT_KINDS, type ReportKind } from '../../src/statistics/reports/report-kinds.ts';
import { scheduleReports } from '../../src/statistics/reports/report-service.ts';
import type { WorkerModule } from '../../src/workers/worker-module.ts';

export const scheduleStatisticsReports: WorkerModule = {
  jobType: 'statistics.schedule-reports',
  description: '定期报告定时启动：为需要报告的各级政府启动报告流程 / start one report process per government whose profile asks for it',
  fetchVariables: [],
  async handle(job, { db }) {
    const kind = job.customHeaders.reportKind;
    if (!kind || !(REPORT_KINDS as readonly string[]).includes(kind)) {
      throw new InputError([{ field: 'headers.reportKind', message: `报告种类应为 ${REPORT_KINDS.join('、')} / task header reportKind` }]);
    }
    const today = shanghaiDateOf(job.activatedAt);
    const out = await scheduleReports(db, { kind: kind as ReportKind, today });
    return { reportPeriod: out.period, reportsScheduled: out.scopes.length };
  },
};

export const { jobType, description, fetchVariables, handle } = scheduleStatisticsReports;
