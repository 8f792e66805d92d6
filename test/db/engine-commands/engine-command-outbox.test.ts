// App tier (real PostgreSQL, the engine port's fake): the engine outbox never loses or repeats a
// command — a retried request adds nothing, a court event waits until a process waits for it,
// an unreachable engine is retried, what can never be delivered is listed for admins, and a court
// event whose dispatcher died after the engine took it is not delivered a second time.
// A database of its own: its passes carry out every due command, so it must neither take the other
// files' commands nor leave its caseless ones where they look.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../../src/db/database.ts';
import { dispatchDueCommands } from '../../../src/engine-commands/engine-command-dispatcher.ts';
import { enqueueEngineCommand, listUnresolvedCommands } from '../../../src/engine-commands/engine-command-store.ts';
import { EngineUnavailableError } from '../../../src/errors.ts';
import { createFakeProcessEngine } from '../../../src/process-engine/fake-process-engine.ts';
import { freshLedgerDatabase } from '../../helpers/fresh-database.ts';
import { waitUntil } from '../../helpers/wait-until.ts';

let database: { url: string; drop: () => Promise<void> };
let db: Db;
beforeAll(async () => {
  database = await freshLedgerDatabase('yingsu_test_outbox');
  db = createDb(database.url, { min: 0, max: 4 });
  T0 = new Date(Date.now() + 5_000);
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});
const logger = pino({ level: 'silent' });
// commands are due from their creation (the database's now): the test's clock starts just after it,
// once the file's database is ready
let T0 = new Date(Date.now() + 5_000);
const later = (ms: number) => new Date(T0.getTime() + ms);
const statusOf = async (id: string) => (await db('engine_commands').where({ id }).first()).status;

describe('engine outbox', () => {
  it('starts a case instance once, however often the registration is retried or the command re-run', async () => {
    const engine = createFakeProcessEngine();
    const caseId = randomUUID();
    const start = { kind: 'start-instance' as const, idempotencyKey: `start-case:${caseId}:case-lifecycle`, businessKey: caseId, processKey: 'case-lifecycle', variables: { caseId, caseFlags: { major: true } } };
    const first = await enqueueEngineCommand(db, start);
    const again = await enqueueEngineCommand(db, start);
    expect(again.id).toBe(first.id);
    expect(await dispatchDueCommands({ db, engine, logger }, { now: T0 })).toEqual([{ id: first.id, outcome: 'done' }]);
    // a dispatcher that died after starting but before marking would run it again: still one instance
    await db('engine_commands').where({ id: first.id }).update({ status: 'pending', next_attempt_at: T0 });
    await dispatchDueCommands({ db, engine, logger }, { now: later(1) });
    expect(engine.instances.filter((i) => i.businessKey === caseId)).toHaveLength(1);
    expect(engine.instances[0]!.variables).toEqual({ caseId, caseFlags: { major: true } });
  });

  it('keeps a court event until a process waits for it, then delivers it once', async () => {
    const engine = createFakeProcessEngine();
    const caseId = randomUUID();
    const event = await enqueueEngineCommand(db, { kind: 'correlate-message', idempotencyKey: `event:${caseId}:1`, businessKey: caseId, messageName: 'hearing-scheduled', variables: { hearingAt: '2026-04-01T09:30:00+08:00' }, expiresAt: later(86_400_000) });
    expect(await dispatchDueCommands({ db, engine, logger }, { now: T0 })).toEqual([{ id: event.id, outcome: 'retrying' }]);
    expect(await statusOf(event.id)).toBe('pending');
    // not due again before its back-off: 200 ms first (the ledger is often a moment ahead of the process), then doubling
    expect(await dispatchDueCommands({ db, engine, logger }, { now: later(199) })).toEqual([]);
    expect(await dispatchDueCommands({ db, engine, logger }, { now: later(200) })).toEqual([{ id: event.id, outcome: 'retrying' }]);
    expect(await dispatchDueCommands({ db, engine, logger }, { now: later(200 + 399) })).toEqual([]);
    engine.waitForMessage('hearing-scheduled', caseId);
    expect(await dispatchDueCommands({ db, engine, logger }, { now: later(60_000) })).toEqual([{ id: event.id, outcome: 'done' }]);
    expect(engine.correlated).toEqual([{ messageName: 'hearing-scheduled', businessKey: caseId, variables: { hearingAt: '2026-04-01T09:30:00+08:00' }, instanceIds: [] }]);
    expect(await dispatchDueCommands({ db, engine, logger }, { now: later(120_000) })).toEqual([]);
  });

  it('retries while the engine is unreachable and loses nothing', async () => {
    const engine = createFakeProcessEngine();
    const caseId = randomUUID();
    const start = await enqueueEngineCommand(db, { kind: 'start-instance', idempotencyKey: `start-case:${caseId}:p`, businessKey: caseId, processKey: 'p' });
    const { EngineUnavailableError } = await import('../../../src/errors.ts');
    const startInstance = engine.startInstance;
    engine.startInstance = async () => {
      throw new EngineUnavailableError('流程引擎无法访问');
    };
    for (let i = 0; i < 8; i++) await dispatchDueCommands({ db, engine, logger }, { now: later(i * 3_600_000) });
    expect(await statusOf(start.id)).toBe('pending');
    engine.startInstance = startInstance;
    await dispatchDueCommands({ db, engine, logger }, { now: later(9 * 3_600_000) });
    expect(await statusOf(start.id)).toBe('done');
  });

  it('expires a court event nothing ever waits for and lists it for admins', async () => {
    const engine = createFakeProcessEngine();
    const caseId = randomUUID();
    const event = await enqueueEngineCommand(db, { kind: 'correlate-message', caseId: undefined, idempotencyKey: `event:${caseId}:2`, businessKey: caseId, messageName: 'appeal-copy-served', expiresAt: later(60_000) });
    await dispatchDueCommands({ db, engine, logger }, { now: T0 });
    expect(await dispatchDueCommands({ db, engine, logger }, { now: later(120_000) })).toEqual([{ id: event.id, outcome: 'expired' }]);
    const unresolved = await listUnresolvedCommands(db, later(120_000));
    expect(unresolved.find((c) => c.id === event.id)).toMatchObject({ status: 'expired', messageName: 'appeal-copy-served' });
    expect(unresolved.find((c) => c.id === event.id)!.lastError).toContain('appeal-copy-served');
  });
});

// docs/chaos.md, "Defects found": the web app killed between the engine's correlation and finishCommand
describe('a court event whose dispatcher stopped after the engine took it', () => {
  it('is marked done after its lease without a second correlation, and never reaches a later wait for the same message', async () => {
    const engine = createFakeProcessEngine();
    const caseId = randomUUID();
    engine.waitForMessage('hearing-scheduled', caseId);
    const event = await enqueueEngineCommand(db, { kind: 'correlate-message', idempotencyKey: `event:${caseId}:crash`, businessKey: caseId, messageName: 'hearing-scheduled', variables: { hearingAt: '2026-04-01T09:30:00+08:00' }, expiresAt: later(86_400_000) });

    // dispatcher A: the engine correlates, then the process "dies" before finishCommand (the call never returns)
    const dying = { ...engine, correlate: async (...args: Parameters<typeof engine.correlate>) => (await engine.correlate(...args), new Promise<never>(() => {})) };
    void dispatchDueCommands({ db, engine: dying, logger }, { now: later(200_000), leaseMs: 60_000 });
    await waitUntil('the first correlation', async () => engine.correlated.length === 1);
    const stuck = await db('engine_commands').where({ id: event.id }).first();
    expect(stuck).toMatchObject({ status: 'pending', attempts: 1 });
    expect(stuck.lease_until).not.toBeNull();
    // the first attempt asked the engine nothing besides the correlation
    expect(engine.deliveryLookups).toEqual([]);

    // still under A's lease: nobody takes it
    expect((await dispatchDueCommands({ db, engine, logger }, { now: later(230_000) })).find((o) => o.id === event.id)).toBeUndefined();

    // dispatcher B after the lease: the engine's record of the delivery answers, nothing is correlated again
    const outcomes = await dispatchDueCommands({ db, engine, logger }, { now: later(261_000) });
    expect(outcomes.find((o) => o.id === event.id)).toEqual({ id: event.id, outcome: 'done' });
    expect(engine.deliveryLookups).toEqual([`engineCommand_${event.id}`]);
    expect(engine.correlated).toHaveLength(1);
    const row = await db('engine_commands').where({ id: event.id }).first();
    expect(row).toMatchObject({ status: 'done', attempts: 2, lease_until: null });
    expect(row.result).toMatchObject({ status: 'correlated', deliveredBefore: true });

    // the case waits for the same message again (the second-instance hearing): the old event stays away
    engine.waitForMessage('hearing-scheduled', caseId);
    expect((await dispatchDueCommands({ db, engine, logger }, { now: later(400_000) })).find((o) => o.id === event.id)).toBeUndefined();
    expect(engine.correlated).toHaveLength(1);
  });

  it('is marked done on the retry when the engine correlated but its answer was lost', async () => {
    const engine = createFakeProcessEngine();
    const caseId = randomUUID();
    engine.waitForMessage('hearing-scheduled', caseId);
    const event = await enqueueEngineCommand(db, { kind: 'correlate-message', idempotencyKey: `event:${caseId}:lost-answer`, businessKey: caseId, messageName: 'hearing-scheduled', variables: { hearingAt: '2026-04-02T09:30:00+08:00' }, expiresAt: later(86_400_000) });
    const lostAnswer = {
      ...engine,
      correlate: async (...args: Parameters<typeof engine.correlate>) => {
        await engine.correlate(...args);
        throw new EngineUnavailableError('流程引擎无应答 / the engine did not answer in time');
      },
    };
    expect((await dispatchDueCommands({ db, engine: lostAnswer, logger }, { now: later(500_000) })).find((o) => o.id === event.id)).toEqual({ id: event.id, outcome: 'retrying' });
    expect((await dispatchDueCommands({ db, engine, logger }, { now: later(600_000) })).find((o) => o.id === event.id)).toEqual({ id: event.id, outcome: 'done' });
    expect(engine.correlated.filter((c) => c.businessKey === caseId)).toHaveLength(1);
  });

  it('is still delivered on a retry when the earlier attempt reached nothing', async () => {
    const engine = createFakeProcessEngine();
    const caseId = randomUUID();
    const event = await enqueueEngineCommand(db, { kind: 'correlate-message', idempotencyKey: `event:${caseId}:late-wait`, businessKey: caseId, messageName: 'hearing-scheduled', expiresAt: later(86_400_000) });
    expect((await dispatchDueCommands({ db, engine, logger }, { now: later(700_000) })).find((o) => o.id === event.id)?.outcome).toBe('retrying');
    engine.waitForMessage('hearing-scheduled', caseId);
    expect((await dispatchDueCommands({ db, engine, logger }, { now: later(800_000) })).find((o) => o.id === event.id)?.outcome).toBe('done');
    expect(engine.deliveryLookups).toEqual([`engineCommand_${event.id}`]);
    expect(engine.correlated).toHaveLength(1);
    expect((await db('engine_commands').where({ id: event.id }).first()).result).toEqual({ status: 'correlated', instanceIds: [] });
  });
});
