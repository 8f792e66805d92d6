import express from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { ProcessEngine } from '../process-engine/process-engine.ts';
import { createInboxService } from '../notifications/inbox-service.ts';
import { createNotificationAdminService } from '../notifications/notification-admin-service.ts';
import { secretKeyFrom } from '../crypto/secret-box.ts';
import { authenticate, requireLogin } from '../auth/authenticate.ts';
import { requireCsrfToken } from '../auth/csrf.ts';
import { accessGuards } from './access.ts';
import { createErrorHandler, notFoundHandler } from './error-handler.ts';
import { jsonBody, rejectUnstorableText } from './json-body.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { documentRoutes } from './routes/document-routes.ts';
import { notificationRoutes } from './routes/notification-routes.ts';
import { deadlineRoutes } from './routes/deadline-routes.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { engineCommandRoutes } from './routes/engine-command-routes.ts';
import { workspaceRoutes } from './routes/workspace-routes.ts';
import { webAppRoutes } from './web-app.ts';
import { intakeRoutes } from './routes/intake-routes.ts';
import { sessionRoutes } from './routes/session-routes.ts';
import { tokenRoutes } from './routes/token-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { accountRoutes } from './routes/account-routes.ts';
import { statisticsRoutes } from './routes/statistics-routes.ts';
import { assessmentRoutes } from './routes/assessment-routes.ts';
import { modelerRoutes } from './routes/modeler-routes.ts';
import { profileVersionRoutes } from './routes/profile-version-routes.ts';
import { refreshEffectiveProfiles } from '../deadlines/profile-registry.ts';
import { statisticsReportRoutes } from './routes/statistics-report-routes.ts';
import { auditTrail } from './audit-trail.ts';
import { oidcRoutes } from './routes/oidc-routes.ts';
import { securityHeaders } from './security-headers.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  /** the engine port (the Operaton adapter, or its fake in tests of the app alone) */
  engine: ProcessEngine;
  /** the engine outbox's dispatcher: kicked after a request enqueued a command */
  engineCommands: { kick(): void };
  /** the runner of case imports: kicked after an import was accepted (absent: the runner's own poll takes it up) */
  caseImports?: { kick(): void };
  logger: Logger;
}

/** The Express app without listen(), so tests drive it with supertest. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (deps.config.TRUST_PROXY) app.set('trust proxy', trustProxyValue(deps.config.TRUST_PROXY));
  app.use(securityHeaders);
  app.use(jsonBody({ limit: '2mb' }), rejectUnstorableText);
  app.use(healthRoutes(deps));
  // everything under /api needs a principal (session cookie or API token), except the login itself;
  // every route declares who may call it (./access.ts)
  // (the audit trail before the checks: a refused change, e.g. without its CSRF token, is recorded too)
  app.use('/api', authenticate(deps), auditTrail(deps.db, deps.logger), requireLogin, requireCsrfToken);
  // a rule-profile version activated in another process applies from the next request on (decision 0015)
  app.use('/api', (_req, _res, next) => void refreshEffectiveProfiles(deps.db).then(() => next(), next));
  app.use('/api', sessionRoutes(deps));
  app.use('/api', tokenRoutes(deps));
  app.use('/api', auditRoutes(deps));
  app.use('/api', accountRoutes(deps));
  app.use('/api', notificationRoutes({ inbox: createInboxService(deps.db), notificationAdmin: createNotificationAdminService(deps.db, () => secretKeyFrom(deps.config)), allow: accessGuards(deps.db) }));
  app.use('/api', documentRoutes(deps));
  app.use('/api', deadlineRoutes(deps));
  app.use('/api', caseRoutes(deps));
  app.use('/api', engineCommandRoutes(deps));
  app.use('/api', workspaceRoutes(deps));
  app.use('/api', intakeRoutes(deps));
  app.use('/api', statisticsRoutes(deps));
  app.use('/api', assessmentRoutes(deps));
  app.use('/api', modelerRoutes(deps));
  app.use('/api', profileVersionRoutes(deps));
  app.use('/api', statisticsReportRoutes(deps));
  app.use('/auth', oidcRoutes(deps));
  app.use('/api', notFoundHandler);
  app.use(webAppRoutes());
  app.use(notFoundHandler);
  app.use(createErrorHandler(deps.logger));
  return app;
}

/** TRUST_PROXY as express reads it: a hop count, true/false, or addresses/names ("loopback"). */
function trustProxyValue(value: string): number | boolean | string {
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
}
