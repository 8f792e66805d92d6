// Finds a JDK of at least the given version on the machine (the engine app needs 17, Debian 12's default).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export interface JavaHome {
  home: string;
  major: number;
}

export function javaMajor(javaBin: string): number | undefined {
  // `java -version` prints to stderr
  const run = spawnSync(javaBin, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  return parseMajor(`${run.stderr ?? ''}${run.stdout ?? ''}`);
}

function parseMajor(text: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 ? Number(m[2]) : first;
}

/** Candidates in order: an explicit home, JAVA_HOME, then every JDK under /usr/lib/jvm (newest first). */
export function findJava(minMajor: number, explicit?: string): JavaHome | undefined {
  const candidates: string[] = [];
  if (explicit) candidates.push(explicit);
  if (process.env.JAVA_HOME) candidates.push(process.env.JAVA_HOME);
  const jvmDir = '/usr/lib/jvm';
  if (existsSync(jvmDir)) candidates.push(...readdirSync(jvmDir).map((d) => path.join(jvmDir, d)));
  let best: JavaHome | undefined;
  for (const home of candidates) {
    const bin = path.join(home, 'bin', 'java');
    if (!existsSync(bin)) continue;
    const major = javaMajor(bin);
    if (major === undefined || major < minMajor) continue;
    if (home === explicit) return { home, major };
    if (!best || major > best.major) best = { home, major };
  }
  return best;
}
