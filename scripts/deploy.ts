// npm run deploy: deploys every .bpmn, .dmn and .form under processes/ and forms/ to the engine
// (the local one started by `npm start`, or the cluster named by the Camunda variables).
import { loadConfig } from '../src/config.ts';
import { runMain, say } from '../src/cli.ts';
import { createCamundaClients } from '../src/engine/camunda-client.ts';
import { deployAll } from '../src/engine/deploy.ts';

runMain('deploy', async () => {
  const camunda = createCamundaClients(loadConfig());
  try {
    const deployed = await deployAll(camunda);
    for (const r of deployed) say('deploy', `${r.kind.padEnd(8)} ${r.id} v${r.version} (${r.file})`);
    if (!deployed.length) say('deploy', 'nothing to deploy');
  } finally {
    await camunda.close();
  }
});
