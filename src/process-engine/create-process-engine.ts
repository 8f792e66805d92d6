// The engine port as configured: the Operaton REST adapter on ENGINE_REST_URL (or the local engine
// app), authenticating as the service user.
import type { Config } from '../config.ts';
import { createOperatonProcessEngine } from './operaton/operaton-process-engine.ts';
import type { ProcessEngine } from './process-engine.ts';

export function createProcessEngine(config: Pick<Config, 'engine' | 'ENGINE_USER' | 'ENGINE_PASSWORD'>): ProcessEngine {
  return createOperatonProcessEngine({ baseUrl: config.engine.restUrl, user: config.ENGINE_USER, password: config.ENGINE_PASSWORD });
}
