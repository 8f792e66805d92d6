import { describe, expect, it } from 'vitest';
import { appendCaseEvent, listCaseEvents } from '../../src/ledger/case-events.ts';
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
});
