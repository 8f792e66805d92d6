import { Router } from 'express';
import { pingDatabase } from '../../db/database.ts';
import type { AppDeps } from '../app.ts';

/** GET /healthz: 200 when the ledger database and the engine answer, 503 otherwise. */
export function healthRoutes({ db, engine }: AppDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const check = async (fn: () => Promise<unknown>) => {
      const started = Date.now();
      try {
        const detail = await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout after 3s')), 3000))]);
        return { ok: true, ms: Date.now() - started, ...(detail && typeof detail === 'object' ? detail : {}) };
      } catch (error) {
        return { ok: false, ms: Date.now() - started, error: (error as Error).message };
      }
    };
    const [database, engineCheck] = await Promise.all([
      check(() => pingDatabase(db)),
      check(async () => {
        const health = await engine.health();
        if (!health.up) throw new Error(health.reason ?? 'engine not usable');
        return { version: health.version };
      }),
    ]);
    const ok = database.ok && engineCheck.ok;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, engine: engineCheck });
  });
  return router;
}
