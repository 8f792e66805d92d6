// DB tier: the append-only case event log (real PostgreSQL).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendCaseEvent, appendCaseEvents, listCaseEvents } from '../../src/ledger/case-events.ts';
import { useTestDb } from '../helpers/test-db.ts';

const db = useTestDb();

describe('case event log', () => {
  it('writes a keyed event once, however often the same job is delivered', async () => {
    const first = await appendCaseEvent(db, { type: 'registered', actor: 'worker:test', sourceJobKey: '2251799813685249', processInstanceKey: 'p1' });
    const again = await appendCaseEvent(db, { type: 'registered', actor: 'worker:test', sourceJobKey: '2251799813685249', processInstanceKey: 'p1' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.event.id).toBe(first.event.id);
    expect(await listCaseEvents(db, { processInstanceKey: 'p1' })).toHaveLength(1);
  });

  it('refuses to change or delete an event (append-only)', async () => {
    const { event } = await appendCaseEvent(db, { type: 'note', actor: 'api', idempotencyKey: 'append-only-check' });
    await expect(db('case_events').where({ id: event.id }).update({ type: 'changed' })).rejects.toThrow(/append-only/);
    await expect(db('case_events').where({ id: event.id }).del()).rejects.toThrow(/append-only/);
  });

  it('appends a batch in one go, skipping keys already written and a key repeated inside the batch', async () => {
    const run = randomUUID();
    const key = (n: number) => `batch:${run}:${n}`;
    await appendCaseEvent(db, { type: 'note', actor: 'api', processInstanceKey: run, idempotencyKey: key(1), payload: { n: 1 } });
    const created = await appendCaseEvents(
      db,
      [1, 2, 3, 3, 4].map((n) => ({ type: 'note', actor: 'api', processInstanceKey: run, idempotencyKey: key(n), payload: { n } })),
      2,
    );
    expect(created).toBe(3);
    const events = await listCaseEvents(db, { processInstanceKey: run });
    expect(events.map((e) => e.payload.n)).toEqual([1, 2, 3, 4]);
    expect(await appendCaseEvents(db, [{ type: 'note', actor: 'api', processInstanceKey: run, idempotencyKey: key(4) }])).toBe(0);
  });
});
