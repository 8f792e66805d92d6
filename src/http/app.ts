import express from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { ProcessEngine } from '../process-engine/process-engine.ts';
import { createInboxService } from '../notifications/inbox-service.ts';
import { createNotificationAdminService } from '../notifications/notification-admin-service.ts';
import { createErrorHandler, notFoundHandler } from './error-handler.ts';
import { jsonBody } from './json-body.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { documentRoutes } from './routes/document-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { deadlineRoutes } from './routes/deadline-routes.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { engineCommandRoutes } from './routes/engine-command-routes.ts';
import { statisticsRoutes } from './routes/statistics-routes.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  /** the engine port (the Operaton adapter, or its fake in tests of the app alone) */
  engine: ProcessEngine;
  /** the engine outbox's dispatcher: kicked after a request enqueued a command */
  engineCommands: { kick(): void };
  logger: Logger;
}

/** The Express app without listen(), so tests drive it with supertest. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(jsonBody({ limit: '2mb' }));
  app.use(healthRoutes(deps));
  app.use('/api', notificationRoutes({ inbox: createInboxService(deps.db), notificationAdmin: createNotificationAdminService(deps.db) }));
  app.use('/api', documentRoutes(deps));
  app.use('/api', deadlineRoutes(deps));
  app.use('/api', caseRoutes(deps));
  app.use('/api', engineCommandRoutes(deps));
  app.use('/api', statisticsRoutes(deps));
  app.use('/api', notFoundHandler);
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}
