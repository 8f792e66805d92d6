// npm run serve:workers — production entry point of the workers (deploy/kubernetes/workers.yaml):
// every external-task topic under workers/ (long polling on the engine), the engine outbox (case
// starts, court events) and the notification outbox sender. No port.
// Reads only loadConfig(); never installs packages, seeds, migrates, deploys or starts an engine:
// it refuses to start without ENGINE_REST_URL or with migrations pending. SIGTERM stops it
// gracefully: the pending long poll ends, fetched tasks are unlocked, tasks in hand finish.
import { runProductionEntryPoint, startEngineCommands, startWorkerSide } from './runtime.ts';

runProductionEntryPoint('serve:workers', async ({ config, logger, db, engine, version, stops, log }) => {
  const workers = await startWorkerSide({ config, db, engine, logger }, stops);
  startEngineCommands({ db, engine, logger }, stops);
  log(`${workers.jobTypes.length} topics on ${config.engine.restUrl} (Operaton ${version ?? '?'}); engine and notification outboxes running`);
});
