// npm run serve:web — production entry point of the web app (deploy/kubernetes/web.yaml): the case
// API and the workspace on HOST:PORT, plus the security sweeper (ended sessions, spent throttle rows)
// and the engine outbox dispatcher so that a registration or a court event is carried out at once
// (kick()). Several replicas and `serve:workers` may dispatch together: commands are claimed with FOR UPDATE SKIP LOCKED and a lease.
// Reads only loadConfig(); never installs packages, seeds, migrates or starts an engine: it refuses
// to start without ENGINE_REST_URL or with migrations pending (the release Job applies them).
// SIGTERM stops it gracefully.
import { createApp } from '../src/http/app.ts';
import { listen, runProductionEntryPoint, startCaseImports, startEngineCommands, startSecuritySweep } from './runtime.ts';

runProductionEntryPoint('serve:web', async ({ config, logger, db, engine, version, stops, log }) => {
  const engineCommands = startEngineCommands({ db, engine, logger }, stops);
  const caseImports = startCaseImports({ db, logger, engineCommands }, stops);
  startSecuritySweep({ db, config, logger }, stops);
  await listen(createApp({ config, db, engine, engineCommands, caseImports, logger }), config, stops);
  log(`web app on http://${config.HOST}:${config.PORT} (engine ${config.engine.restUrl}, Operaton ${version ?? '?'})`);
});
