// The engine version the project pinned by probing (newest first), with the record of each probe.
// Committed in .camunda/engine.json so every machine runs the same version without probing again.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.ts';

export interface ProbeRecord {
  version: string;
  command: string;
  outcome: 'not-listed' | 'download-failed' | 'start-failed' | 'started';
  detail: string;
  at: string;
}

export interface EnginePin {
  version: string;
  /** how Operate/Tasklist/search are stored for this version */
  secondaryStorage: 'rdbms' | 'opensearch' | 'none';
  probedAt: string;
  probes: ProbeRecord[];
}

export const pinFile = path.join(projectRoot, '.camunda', 'engine.json');

export function readPin(): EnginePin | undefined {
  if (!existsSync(pinFile)) return undefined;
  return JSON.parse(readFileSync(pinFile, 'utf8')) as EnginePin;
}

export function writePin(pin: EnginePin): void {
  mkdirSync(path.dirname(pinFile), { recursive: true });
  writeFileSync(pinFile, `${JSON.stringify(pin, null, 2)}\n`);
}

/** 8.9+ keeps Operate/Tasklist data in PostgreSQL; 8.6–8.8 need Elasticsearch/OpenSearch. */
export function storageFor(version: string): EnginePin['secondaryStorage'] {
  const [major, minor] = version.split('.').map(Number);
  return major! > 8 || (major === 8 && minor! >= 9) ? 'rdbms' : 'opensearch';
}
