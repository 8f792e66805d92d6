// npm run engine            starts the local engine alone (Ctrl-C stops it)
// npm run engine:probe      probes Camunda versions newest first and pins the first that starts
import { loadConfig } from '../src/config.ts';
import { runMain, say } from '../src/cli.ts';
import { probeEngineVersions, startLocalEngine } from '../src/engine/local-engine.ts';
import { untilSignalOrExit } from '../src/engine/process-group.ts';

runMain('engine', async () => {
  const config = loadConfig();
  const log = (line: string) => say('engine', line);
  const options = { config, name: 'dev', clockControlled: config.CAMUNDA_CLOCK_CONTROLLED, fresh: false, log };
  if (process.argv[2] === 'probe') {
    const pin = await probeEngineVersions({ ...options, name: 'probe' });
    for (const p of pin.probes) say('engine', `${p.version.padEnd(7)} ${p.outcome.padEnd(15)} ${p.detail}`);
    return;
  }
  const engine = await startLocalEngine(options);
  say('engine', `Camunda ${engine.version} ready in ${(engine.startedInMs / 1000).toFixed(1)} s: ${JSON.stringify(engine.urls)}`);
  await untilSignalOrExit(engine);
  say('engine', 'stopping ...');
  await engine.stop();
});
