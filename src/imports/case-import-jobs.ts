// Import jobs (存量案件导入): an upload is checked whole (every bad cell, nothing imported when one
// is bad), then stored as a job with its rows before it is answered; a runner registers the rows in
// the background — each case with its known dates, deadlines and stage, and the command that starts
// its process before the activity of that stage (engine outbox, like registration). A job that a
// restart interrupted is taken up again after its lease; a row is registered once (its case's
// unique key: agency, 案号, level), so the same file twice creates no duplicate cases.
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { caseStartVariables, MAIN_PROCESS_ID, type EngineCommandKicker } from '../cases/case-service.ts';
import { insertCase } from '../cases/case-store.ts';
import type { Db } from '../db/database.ts';
import { shanghaiDateOf } from '../deadlines/dates.ts';
import { loadCalendar, syncCaseDeadlines } from '../deadlines/ledger.ts';
import { enqueueEngineCommand } from '../engine-commands/engine-command-store.ts';
import { DomainError, NotFoundError } from '../errors.ts';
import { appendCaseEvent } from '../ledger/case-events.ts';
import type { Logger } from '../logger.ts';
import { checkImportSheet, IMPORT_STAGES, type ImportCellError, type ImportRow } from './case-import-sheet.ts';
import { startPollingLoop } from '../runtime/polling-loop.ts';

export type ImportStatus = 'importing' | 'done' | 'invalid' | 'failed';

/** Who imports: a login and the agencies they may see (Principal; null = every agency). */
export interface Importer {
  login: string;
  visibleAgencyIds: string[] | null;
}

/** The upload has bad cells: 400 IMPORT_INVALID with every one of them; nothing was imported. */
export class ImportInvalidError extends DomainError {
  constructor(
    readonly rows: ImportCellError[],
    readonly importId: string,
  ) {
    super('IMPORT_INVALID', `导入文件有 ${rows.length} 处错误，未导入任何案件`);
  }
}

export interface ImportProgress {
  id: string;
  fileName: string;
  status: ImportStatus;
  total: number;
  processed: number;
  errors: ImportCellError[];
  caseIds: string[];
  createdAt: Date;
  finishedAt: Date | null;
}

/**
 * Checks the upload and stores it as a job (or answers the job of the same file the same user
 * already imported). Throws ImportInvalidError when any cell is bad; the refused upload is kept as
 * an `invalid` job for the record.
 */
export async function createImportJob(db: Db, importer: Importer, upload: { fileName: string; content: Buffer }, options: { today?: string } = {}): Promise<{ id: string; existing: boolean }> {
  const sha = createHash('sha256').update(upload.content).digest('hex');
  const earlier = await db('import_jobs').where({ file_sha256: sha, created_by: importer.login }).whereIn('status', ['importing', 'done']).orderBy('created_at', 'desc').first('id');
  if (earlier) return { id: earlier.id, existing: true };
  const check = await checkImportSheet(db, upload.content, importer, options.today ?? shanghaiDateOf(new Date()));
  const job = {
    file_name: upload.fileName.slice(0, 300),
    file_sha256: sha,
    created_by: importer.login,
    visible_agency_ids: importer.visibleAgencyIds === null ? null : JSON.stringify(importer.visibleAgencyIds),
  };
  if (check.errors.length) {
    const [invalid] = await db('import_jobs')
      .insert({ ...job, status: 'invalid', total: check.rows.length + new Set(check.errors.map((e) => e.row)).size, errors: JSON.stringify(check.errors), finished_at: db.fn.now() })
      .returning('id');
    throw new ImportInvalidError(check.errors, invalid.id);
  }
  const id = await db.transaction(async (trx) => {
    const [created] = await trx('import_jobs').insert({ ...job, status: 'importing', total: check.rows.length }).returning('id');
    for (let i = 0; i < check.rows.length; i += 500) {
      await trx('import_job_rows').insert(check.rows.slice(i, i + 500).map((r) => ({ job_id: created.id, row_number: r.row, data: JSON.stringify(r) })));
    }
    return created.id as string;
  });
  return { id, existing: false };
}

/** The job as GET /api/imports/:id shows it: to the user who uploaded it, and to users who see every agency. */
export async function getImportJob(db: Db, importer: Importer, id: string): Promise<ImportProgress> {
  const job = /^[0-9a-f-]{36}$/i.test(id) ? await db('import_jobs').where({ id }).first() : undefined;
  if (!job || (job.created_by !== importer.login && importer.visibleAgencyIds !== null)) throw new NotFoundError('导入任务', id);
  const caseIds = await db('import_job_rows').where({ job_id: id }).whereNotNull('case_id').orderBy('row_number').pluck('case_id');
  return {
    id: job.id,
    fileName: job.file_name,
    status: job.status,
    total: job.total,
    processed: job.processed,
    errors: job.errors ?? [],
    caseIds,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

/** The process variables and the start activity of an imported case at its stage. */
function startOf(row: ImportRow) {
  const stage = IMPORT_STAGES[row.stage];
  const variables: Record<string, unknown> = {};
  if (row.answerSubmittedOn) variables.answerSubmittedOn = row.answerSubmittedOn;
  if (row.hearingAt) Object.assign(variables, { hearingAt: row.hearingAt, principalHeadRequiredByCourt: false, headRequiredByCourt: false });
  if (row.judgment) Object.assign(variables, { judgmentKind: row.judgment.kind, judgmentOutcome: row.judgment.outcome, judgmentServedOn: row.judgment.servedOn, judgmentParties: [] });
  return { activityId: stage.activityId, variables };
}

/** Registers one row's case in the caller's transaction; the case id, and whether it was there already. */
async function importRow(trx: Knex.Transaction, job: { id: string; created_by: string }, row: ImportRow, calendar: Awaited<ReturnType<typeof loadCalendar>>): Promise<{ caseId: string; existed: boolean }> {
  const input = row.case;
  const existing = await trx('cases').where({ agency_id: input.agencyId, case_number: input.caseNumber, level: input.level }).first('id');
  if (existing) return { caseId: existing.id, existed: true };
  const actor = `import:${job.created_by}`;
  const caseRow = await insertCase(trx, input);
  const agency = await trx('agencies').where({ id: input.agencyId }).first('profile');
  await trx('cases').where({ id: caseRow.id }).update({ stage: row.stage, answer_submitted_on: row.answerSubmittedOn, updated_at: trx.fn.now() });
  await appendCaseEvent(trx, { caseId: caseRow.id, type: 'case-imported', payload: { importId: job.id, row: row.row, stage: row.stage }, actor, idempotencyKey: `import:${job.id}:${row.row}` });
  if (row.judgment) {
    // the decision already served, as the case API records it (the ledger's outcome and effect read it)
    await appendCaseEvent(trx, {
      caseId: caseRow.id,
      type: 'court-event:judgment-served',
      payload: { kind: row.judgment.kind, outcome: row.judgment.outcome, servedOn: row.judgment.servedOn, parties: [], level: input.level },
      actor,
      idempotencyKey: `import:${job.id}:${row.row}:judgment`,
    });
  }
  const triggers: Record<string, string> = { complaintReceivedOn: input.complaintReceivedOn };
  if (row.answerSubmittedOn) triggers.answerSubmittedOn = row.answerSubmittedOn;
  if (row.hearingAt) triggers[`hearingAt:${input.level}`] = shanghaiDateOf(new Date(row.hearingAt));
  if (row.judgment) triggers.judgmentServedOn = row.judgment.servedOn;
  await syncCaseDeadlines(trx, [{ caseId: caseRow.id, triggerChanges: triggers, optionChanges: row.judgment ? { judgmentKind: row.judgment.kind } : undefined, stage: 'all' }], { calendar, reason: `import:${job.id}:${row.row}`, actor });
  const start = startOf(row);
  await enqueueEngineCommand(trx, {
    kind: 'start-instance',
    idempotencyKey: `start-case:${caseRow.id}:${MAIN_PROCESS_ID}`,
    caseId: caseRow.id,
    businessKey: caseRow.id,
    processKey: MAIN_PROCESS_ID,
    ...(start.activityId ? { startBeforeActivity: start.activityId } : {}),
    variables: { ...caseStartVariables(caseRow, input, agency.profile), ...start.variables },
  });
  return { caseId: caseRow.id, existed: false };
}

export interface CaseImportRunnerDeps {
  db: Db;
  commands: EngineCommandKicker;
  logger: Logger;
}

const LEASE_MS = 60_000;
const CHUNK = 25;

/** Claims one job that is importing and not leased (or whose runner's lease ran out). */
async function claimJob(db: Db, now: Date) {
  const result = await db.raw(
    `UPDATE import_jobs j SET lease_until = :leaseUntil
      WHERE j.id = (SELECT id FROM import_jobs WHERE status = 'importing' AND (lease_until IS NULL OR lease_until < :now)
                     ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING j.*`,
    { now, leaseUntil: new Date(now.getTime() + LEASE_MS) },
  );
  return result.rows[0] as { id: string; created_by: string; visible_agency_ids: string[] | null } | undefined;
}

/** Works through one job's pending rows, a transaction per row; ends the job when none is left. */
async function runJob(deps: CaseImportRunnerDeps, job: { id: string; created_by: string }): Promise<void> {
  const { db, commands, logger } = deps;
  const calendar = await loadCalendar(db);
  for (;;) {
    const pending = await db('import_job_rows').where({ job_id: job.id, status: 'pending' }).orderBy('row_number').limit(CHUNK);
    if (!pending.length) break;
    for (const r of pending) {
      try {
        await db.transaction(async (trx) => {
          // a second runner (after a lease ran out) may have taken the row meanwhile
          const still = await trx('import_job_rows').where({ job_id: job.id, row_number: r.row_number, status: 'pending' }).forUpdate().first('row_number');
          if (!still) return;
          // the statistics summaries: one refresh of the case at the end, not one per statement of the row
          await trx.raw(`select set_config('yingsu.statistics_deferred', 'on', true)`);
          const { caseId, existed } = await importRow(trx, job, r.data as ImportRow, calendar);
          await trx.raw(`select set_config('yingsu.statistics_deferred', 'off', true)`);
          await trx.raw('select stat_refresh_cases(cast(? as uuid[]))', [[caseId]]);
          await trx('import_job_rows').where({ job_id: job.id, row_number: r.row_number }).update({ status: 'done', case_id: caseId, existed });
          await trx('import_jobs').where({ id: job.id }).increment('processed', 1);
        });
      } catch (error) {
        logger.error({ err: error, importId: job.id, row: r.row_number }, 'import row failed');
        await db.transaction(async (trx) => {
          await trx('import_job_rows').where({ job_id: job.id, row_number: r.row_number }).update({ status: 'failed', error: (error as Error).message.slice(0, 1000) });
          await trx('import_jobs').where({ id: job.id }).increment('processed', 1);
        });
      }
    }
    await db('import_jobs').where({ id: job.id }).update({ lease_until: new Date(Date.now() + LEASE_MS) });
    commands.kick();
  }
  const failed = await db('import_job_rows').where({ job_id: job.id, status: 'failed' }).orderBy('row_number').select('row_number', 'error');
  await db('import_jobs')
    .where({ id: job.id })
    .update({
      status: failed.length ? 'failed' : 'done',
      errors: JSON.stringify(failed.map((f: any) => ({ row: f.row_number, column: '', field: 'row', message: `登记失败：${f.error}` }))),
      lease_until: null,
      finished_at: db.fn.now(),
    });
  logger.info({ importId: job.id, failed: failed.length }, 'case import finished');
}

/** One pass: runs every claimable job to its end. */
export async function runCaseImports(deps: CaseImportRunnerDeps): Promise<number> {
  let ran = 0;
  for (let job = await claimJob(deps.db, new Date()); job; job = await claimJob(deps.db, new Date())) {
    await runJob(deps, job);
    ran++;
  }
  return ran;
}

export interface CaseImportRunner {
  /** run now (a job was created) instead of at the next poll */
  kick(): void;
  stop(): Promise<void>;
}

export function startCaseImportRunner(deps: CaseImportRunnerDeps, options: { pollMs?: number } = {}): CaseImportRunner {
  return startPollingLoop(() => runCaseImports(deps), { pollMs: options.pollMs ?? 5_000, logger: deps.logger, failure: 'case import pass failed' });
}
