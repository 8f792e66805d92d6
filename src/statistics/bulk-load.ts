// Loads a generated ledger of any size (1,000,000 cases, 20,000,000 events) into an empty, migrated
// database of its own: the generator runs one case at a time and its rows stream through COPY (one
// psql process per table, fed through its stdin with back-pressure), so memory stays flat. The load
// runs with session_replication_role = replica — no triggers and no foreign-key checks, which the
// generator's rows satisfy by construction — and the statistics summaries are then rebuilt once from
// the ledger (summary-sql.ts rebuildSql). For benchmark databases only (scripts/bench-stats.ts).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import type { Db } from '../db/database.ts';
import { ledgerStream, type GeneratorOptions } from './ledger-generator.ts';
import { rebuildSql } from './summary-sql.ts';

const COLUMNS = {
  cases: ['id', 'agency_id', 'case_number', 'court', 'level', 'cause', 'act_description', 'plaintiff_count', 'flags', 'complaint_received_on', 'stage', 'status', 'settlement_status', 'withdrawn_on', 'answer_submitted_on'],
  case_parties: ['case_id', 'role', 'name', 'type', 'position'],
  case_judgments: ['case_id', 'agency_id', 'level', 'kind', 'outcome', 'served_on', 'effective_on', 'field', 'enterprise_related'],
  case_events: ['case_id', 'type', 'payload', 'actor', 'process_instance_key', 'idempotency_key', 'occurred_at'],
  case_deadlines: ['case_id', 'rule_id', 'trigger_key', 'profile', 'rule_profile', 'name', 'stage', 'basis', 'status', 'explanation', 'source', 'computed_reason', 'trigger_on', 'due_on', 'superseded_at', 'superseded_change', 'superseded_reason'],
  case_answers: ['case_id', 'level', 'submitted_on'],
} as const;
type Table = keyof typeof COLUMNS;

/** One value in COPY text format. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

class CopyStream {
  readonly child: ChildProcessWithoutNullStreams;
  readonly done: Promise<void>;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  constructor(databaseUrl: string, readonly table: Table) {
    this.child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl, '-c', 'set session_replication_role = replica', '-c', `\\copy ${table} (${COLUMNS[table].join(', ')}) from pstdin`], { stdio: 'pipe' });
    let stderr = '';
    this.child.stderr.on('data', (d) => (stderr += String(d)));
    this.child.stdout.resume();
    this.done = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`COPY ${table}: psql exited ${code}: ${stderr.trim()}`))));
    });
  }
  async write(rows: Record<string, unknown>[]) {
    for (const r of rows) {
      const line = COLUMNS[this.table].map((c) => copyValue(r[c])).join('\t') + '\n';
      this.buffer.push(line);
      this.size += line.length;
    }
    this.rows += rows.length;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush() {
    if (!this.buffer.length) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.child.stdin.write(chunk)) await Promise.race([once(this.child.stdin, 'drain'), this.done]);
  }
  async end() {
    await this.flush();
    this.child.stdin.end();
    await this.done;
  }
}

export interface BulkLoadResult {
  provinceId: string;
  agencies: { id: string; name: string; kind: string; profile: string; parentId: string | null }[];
  rows: Record<string, number>;
  loadSeconds: number;
  summarySeconds: number;
}

/** Generates and loads the ledger, then rebuilds the summaries; progress every 100,000 cases. */
export async function bulkLoadLedger(db: Db, databaseUrl: string, o: GeneratorOptions, progress: (line: string) => void = () => {}): Promise<BulkLoadResult> {
  const started = Date.now();
  const stream = ledgerStream(o);
  await db('agencies').insert(stream.rows.agencies);
  const copies = Object.fromEntries((Object.keys(COLUMNS) as Table[]).map((t) => [t, new CopyStream(databaseUrl, t)])) as Record<Table, CopyStream>;
  try {
    for (let n = 0; n < o.cases; n++) {
      stream.addCase(n);
      if ((n + 1) % 500 === 0 || n + 1 === o.cases) {
        for (const t of Object.keys(COLUMNS) as Table[]) {
          await copies[t].write(stream.rows[t]);
          stream.rows[t].length = 0;
        }
      }
      if ((n + 1) % 100_000 === 0) progress(`${n + 1} cases, ${copies.case_events.rows} events written (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    for (const t of Object.keys(COLUMNS) as Table[]) await copies[t].end();
  } catch (error) {
    for (const c of Object.values(copies)) c.child.kill();
    throw error;
  }
  const loaded = Date.now();
  progress(`ledger loaded in ${((loaded - started) / 1000).toFixed(0)} s; analyzing and rebuilding the statistics summaries`);
  await db.raw('analyze cases, case_events, case_judgments, case_deadlines, case_answers, case_parties, agencies');
  await db.transaction(async (trx) => {
    await trx.raw(`set local work_mem = '256MB'`);
    for (const sql of rebuildSql()) await trx.raw(sql);
  });
  const rows = Object.fromEntries(Object.entries(copies).map(([t, c]) => [t, c.rows]));
  return { provinceId: stream.provinceId, agencies: stream.agencies, rows, loadSeconds: (loaded - started) / 1000, summarySeconds: (Date.now() - loaded) / 1000 };
}
