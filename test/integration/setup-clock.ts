// Runs in every integration file: after the file, the shared engine clock goes back to the system
// time, so the next file's cases start "today" whatever the previous file did with the clock.
import { afterAll } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { engineClock } from '../helpers/engine.ts';

afterAll(async () => {
  await engineClock.reset(loadConfig());
});
