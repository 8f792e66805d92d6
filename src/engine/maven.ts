// Fetches artifacts from Maven Central with the ordinary Maven client, so ~/.m2 is the cache.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

export const m2Repository = process.env.MAVEN_REPOSITORY ?? path.join(os.homedir(), '.m2', 'repository');

export function artifactDir(groupId: string, artifactId: string, version?: string): string {
  return path.join(m2Repository, ...groupId.split('.'), artifactId, ...(version ? [version] : []));
}

export function artifactFile(groupId: string, artifactId: string, version: string, type: string): string {
  return path.join(artifactDir(groupId, artifactId, version), `${artifactId}-${version}.${type}`);
}

export interface MavenResult {
  ok: boolean;
  command: string;
  /** the first [ERROR] line, when it failed */
  error?: string;
  output: string;
}

/** Runs mvn; calls onTick every 2 s (for progress) while it runs. */
export function runMaven(args: string[], options: { cwd?: string; onTick?: () => void } = {}): Promise<MavenResult> {
  const fullArgs = ['-B', ...args];
  const command = `mvn ${fullArgs.join(' ')}`;
  return new Promise((resolve) => {
    let output = '';
    let child;
    try {
      child = spawn('mvn', fullArgs, { cwd: options.cwd ?? os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ ok: false, command, error: `cannot run mvn: ${(error as Error).message}`, output });
      return;
    }
    const timer = options.onTick ? setInterval(options.onTick, 2000) : undefined;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => {
      if (timer) clearInterval(timer);
      resolve({ ok: false, command, error: `cannot run mvn (is Maven installed?): ${error.message}`, output });
    });
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      const errorLine = output
        .split('\n')
        .find((l) => l.startsWith('[ERROR]') && l.length > 10)
        ?.replace(/\u001b\[[0-9;]*m/g, '')
        .trim();
      resolve({ ok: code === 0, command, error: code === 0 ? undefined : (errorLine ?? `mvn exited with ${code}`), output });
    });
  });
}

/** Downloads one artifact (no dependencies) into ~/.m2. */
export function getArtifact(coordinates: string, onTick?: () => void, forceUpdate = false): Promise<MavenResult> {
  // -U: ask Central again instead of repeating a cached "not found"
  return runMaven([...(forceUpdate ? ['-U'] : []), `${DEPENDENCY_PLUGIN}:get`, `-Dartifact=${coordinates}`, '-Dtransitive=false'], { onTick });
}

/** Versions that Maven Central lists for an artifact (its maven-metadata.xml), oldest first. */
export async function listVersions(groupId: string, artifactId: string): Promise<{ versions: string[]; result: MavenResult }> {
  const result = await runMaven(['-U', `${DEPENDENCY_PLUGIN}:get`, `-Dartifact=${groupId}:${artifactId}:RELEASE:pom`, '-Dtransitive=false']);
  const dir = artifactDir(groupId, artifactId);
  const metadata = existsSync(dir) ? readdirSync(dir).find((f) => /^maven-metadata.*\.xml$/.test(f)) : undefined;
  if (!metadata) return { versions: [], result };
  const xml = readFileSync(path.join(dir, metadata), 'utf8');
  return { versions: [...xml.matchAll(/<version>([^<]+)<\/version>/g)].map((m) => m[1]!), result };
}

/** Size of the partly downloaded file(s) in an artifact directory, for progress lines. */
export function downloadedBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
}

/** Compares dotted numeric versions ("8.10.6" > "8.9.26"); qualifiers sort before releases. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return y !== undefined && /^\d+$/.test(y) ? -1 : 1;
    if (y === undefined) return /^\d+$/.test(x) ? 1 : -1;
    const nx = Number(x);
    const ny = Number(y);
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
