// The engine outbox for admins (issue 11 §3): commands the engine has not taken — court events that
// expired with no process waiting for them, commands the engine kept refusing, and pending ones older
// than `staleMinutes` (default 60) — so nothing undeliverable goes unseen.
//   GET /api/admin/engine-commands?staleMinutes=
import { Router } from 'express';
import { z } from 'zod';
import { listUnresolvedCommands, redactSecrets, type EngineCommand } from '../../engine-commands/engine-command-store.ts';
import type { AppDeps } from '../app.ts';
import { accessGuards } from '../access.ts';
import { validate } from '../validate.ts';

const UnresolvedQuery = z.object({
  staleMinutes: z.coerce.number({ message: 'staleMinutes 应为分钟数' }).int().min(1, 'staleMinutes 至少为 1').max(525_600).default(60),
});

function toJson(c: EngineCommand) {
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    caseId: c.caseId,
    caseEventId: c.caseEventId,
    businessKey: c.businessKey,
    processKey: c.processKey,
    messageName: c.messageName,
    variables: redactSecrets(c.variables),
    attempts: c.attempts,
    lastError: c.lastError,
    nextAttemptAt: c.nextAttemptAt,
    expiresAt: c.expiresAt,
    createdAt: c.createdAt,
    doneAt: c.doneAt,
  };
}

export function engineCommandRoutes({ db }: AppDeps): Router {
  const router = Router();
  router.get('/admin/engine-commands', accessGuards(db).roles('admin'), validate({ query: UnresolvedQuery }, { prefixFields: true }), async (req, res) => {
    const commands = await listUnresolvedCommands(db, new Date(), req.query.staleMinutes * 60_000);
    res.json(commands.map(toJson));
  });
  return router;
}
