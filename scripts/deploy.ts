// npm run deploy: deploys every .bpmn and .form under processes/ and forms/ to the engine in one
// deployment (the engine app `npm start` runs, or the engine ENGINE_REST_URL names). Resources
// that did not change get no new version.
import { loadConfig } from '../src/config.ts';
import { runMain, say } from '../src/cli.ts';
import { deployAll } from '../src/engine/deploy.ts';
import { createProcessEngine } from '../src/process-engine/create-process-engine.ts';
import { assertEngineUp } from './runtime.ts';

runMain('deploy', async () => {
  const config = loadConfig();
  const engine = createProcessEngine(config);
  await assertEngineUp(engine, config);
  const deployed = await deployAll(engine);
  for (const d of deployed) say('deploy', `${d.kind.padEnd(7)} ${d.key} v${d.version} (${d.resource})`);
  if (!deployed.length) say('deploy', `nothing new to deploy to ${config.engine.restUrl}`);
});
