// Carries out the engine outbox through the engine port, outside any ledger transaction:
//  - start-instance: idempotent by business key on the engine side too, so a retried or
//    re-claimed command never starts a second instance;
//  - sync-engine-user: one engine user made to match the person now (an account change), with the
//    password the command carries — erased from the row once the command is finished;
//  - correlate-message: delivered when a process waits for it; until then retried (200 ms doubling
//    to `maxRetryMs`: most often the ledger is a moment ahead of the process — the stage was written
//    by the worker whose completion brings the process to its wait) until the command expires — then
//    listed for admins. Delivered once: the message
//    carries the marker variable engineCommand_<id>, and a command claimed before (a retry, or a
//    dispatcher killed between the engine's answer and finishCommand) is first looked up in the
//    engine's history — found ⇒ done without a second correlation. The first attempt asks nothing extra;
//  - the engine unreachable: retried with the same back-off, never dropped; a refusal the engine
//    will repeat (4xx) fails the command after `maxRefusals` attempts and is listed for admins.
import { MAIN_PROCESS_ID } from '../cases/case-service.ts';
import { recordCaseInstance } from '../cases/case-store.ts';
import type { Db } from '../db/database.ts';
import { EngineUnavailableError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { retryDelayMs } from '../notifications/backoff.ts';
import { engineUserOf } from '../process-engine/engine-directory.ts';
import type { ProcessEngine } from '../process-engine/process-engine.ts';
import { claimDueCommands, finishCommand, nextCommandAttempt, retryCommandLater, type EngineCommand } from './engine-command-store.ts';
import { startPollingLoop } from '../runtime/polling-loop.ts';

export interface EngineCommandDispatcherDeps {
  db: Db;
  engine: ProcessEngine;
  logger: Logger;
}

export interface DispatchOptions {
  now?: Date;
  leaseMs?: number;
  maxRetryMs?: number;
  maxRefusals?: number;
}

export interface CommandOutcome {
  id: string;
  outcome: 'done' | 'retrying' | 'expired' | 'failed';
}

async function execute(deps: EngineCommandDispatcherDeps, command: EngineCommand, options: Required<Omit<DispatchOptions, 'now'>>, now: Date): Promise<CommandOutcome['outcome']> {
  const { db, engine, logger } = deps;
  const retry = async (error: string, baseMs = 1000) => {
    await retryCommandLater(db, command.id, new Date(now.getTime() + retryDelayMs(command.attempts, { baseMs, maxMs: options.maxRetryMs })), error);
    return 'retrying' as const;
  };
  try {
    if (command.kind === 'start-instance') {
      const started = await engine.startInstance(command.processKey!, command.businessKey, command.variables, command.startBeforeActivity ? { startBeforeActivityIds: [command.startBeforeActivity] } : {});
      await db.transaction(async (trx) => {
        await finishCommand(trx, command.id, { status: 'done', result: started }, now);
        // the case's ledger learns its instance with the command's outcome (registration reads both)
        if (command.caseId) await recordCaseInstance(trx, { caseId: command.caseId, processKey: command.processKey!, instanceId: started.instanceId, main: command.processKey === MAIN_PROCESS_ID });
      });
      return 'done';
    }
    if (command.kind === 'sync-engine-user') {
      // what the person should have in the engine now (disabled: nothing), with the password the command carries
      const personId = String(command.variables.personId);
      const password = typeof command.variables.password === 'string' ? command.variables.password : undefined;
      const outcome = await engine.syncUser(command.businessKey, await engineUserOf(db, personId), password === undefined ? {} : { password });
      await finishCommand(db, command.id, { status: 'done', result: { outcome } }, now);
      return 'done';
    }
    // the delivery is marked in the engine with the message (engineCommand_<id>); a command claimed
    // before (attempts counts claims) may have been delivered by a dispatcher that stopped before
    // finishing it — the engine's history answers, and a delivered event is not delivered twice
    const deliveryId = `engineCommand_${command.id}`;
    if (command.attempts > 1) {
      const delivered = await engine.findDelivery(deliveryId, command.businessKey);
      if (delivered) {
        await finishCommand(db, command.id, { status: 'done', result: { status: 'correlated', instanceIds: delivered.instanceIds, deliveredBefore: true } }, now);
        logger.warn({ engineCommandId: command.id, caseId: command.caseId, messageName: command.messageName }, 'court event had been delivered by an earlier attempt that was not recorded; marked done without a second delivery');
        return 'done';
      }
    }
    const correlation = await engine.correlate(command.messageName!, command.businessKey, command.variables, { deliveryId });
    if (correlation.status === 'correlated') {
      await finishCommand(db, command.id, { status: 'done', result: correlation }, now);
      return 'done';
    }
    if (command.expiresAt && command.expiresAt <= now) {
      await finishCommand(db, command.id, { status: 'expired', error: `无流程等待该事件，已过期 / nothing waited for ${command.messageName} until ${command.expiresAt.toISOString()}` }, now);
      logger.warn({ engineCommandId: command.id, caseId: command.caseId, messageName: command.messageName }, 'court event expired without a process waiting for it');
      return 'expired';
    }
    return retry(correlation.reason, NOT_WAITING_RETRY_BASE_MS);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof EngineUnavailableError || command.attempts < options.maxRefusals) {
      logger.warn({ engineCommandId: command.id, attempts: command.attempts, error: message }, 'engine command not carried out; will retry');
      return retry(message);
    }
    await finishCommand(db, command.id, { status: 'failed', error: message }, now);
    logger.error({ engineCommandId: command.id, caseId: command.caseId, err: error }, 'engine command failed after its last attempt');
    return 'failed';
  }
}

/** The first retry of a court event no process waits for yet (then doubling). */
export const NOT_WAITING_RETRY_BASE_MS = 200;

/** One pass: claims and carries out due commands until none is due. */
export async function dispatchDueCommands(deps: EngineCommandDispatcherDeps, options: DispatchOptions = {}): Promise<CommandOutcome[]> {
  const now = options.now ?? new Date();
  const settings = { leaseMs: options.leaseMs ?? 60_000, maxRetryMs: options.maxRetryMs ?? 60_000, maxRefusals: options.maxRefusals ?? 5 };
  const outcomes: CommandOutcome[] = [];
  for (;;) {
    const batch = await claimDueCommands(deps.db, now, { leaseMs: settings.leaseMs, limit: 20 });
    if (!batch.length) return outcomes;
    // in order: two events of one case reach the engine in the order they were recorded
    for (const command of batch) outcomes.push({ id: command.id, outcome: await execute(deps, command, settings, now) });
  }
}

export interface EngineCommandDispatcher {
  /** run a pass now (after a command was enqueued), instead of waiting for the next poll */
  kick(): void;
  stop(): Promise<void>;
}

export function startEngineCommandDispatcher(deps: EngineCommandDispatcherDeps, options: { pollMs?: number } & Omit<DispatchOptions, 'now'> = {}): EngineCommandDispatcher {
  const pass = async () => {
    const outcomes = await dispatchDueCommands(deps, options);
    // a command put back for a retry sooner than the next poll is tried at its time
    if (!outcomes.some((o) => o.outcome === 'retrying')) return undefined;
    const now = new Date();
    const next = await nextCommandAttempt(deps.db, now);
    // never sooner than 50 ms: a pass is a database round trip, not a spin
    return next ? { nextPassInMs: Math.max(50, next.getTime() - now.getTime()) } : undefined;
  };
  return startPollingLoop(pass, { pollMs: options.pollMs ?? 1000, logger: deps.logger, failure: 'engine command dispatch failed' });
}
