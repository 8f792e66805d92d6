// Installs the Debian packages the product needs (chromium, CJK fonts, ...), once.
// Runs as part of `npm start` and `npm test`; safe to run again.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { debianRequirements } from '../src/setup/requirements.ts';
import { isMainModule } from '../src/cli.ts';

export function missingDebianPackages(): string[] {
  return debianRequirements.filter((r) => !existsSync(r.probe)).map((r) => r.pkg);
}

export function installDebianPackages(log: (line: string) => void = console.error): void {
  const missing = missingDebianPackages();
  if (!missing.length) return;
  log(`[setup] installing Debian packages: ${missing.join(' ')}`);
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  if (!isRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(`Debian packages missing (${missing.join(', ')}) and no root rights: run "sudo apt-get install -y ${missing.join(' ')}".`);
  }
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...sudo, ...args];
    execFileSync(cmd!, rest, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  try {
    run(['apt-get', 'update', '-q']);
    run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]);
  } catch (error) {
    throw new Error(`apt-get could not install ${missing.join(', ')}: ${(error as Error).message}. Check that Debian's package mirror is reachable.`);
  }
  const still = missingDebianPackages();
  if (still.length) throw new Error(`after apt-get, still missing: ${still.join(', ')}`);
}

if (isMainModule(import.meta.url)) {
  try {
    installDebianPackages();
    console.error('[setup] Debian packages present');
  } catch (error) {
    console.error(`[setup] ${(error as Error).message}`);
    process.exit(1);
  }
}
