// Builds the staff workspace (web/ → web/dist) with Vite: run by `npm install` (prepare), by
// `npm start` and by the browser tests' global setup, each time only when a source is newer than
// the last build (or with --force). Progress lines on stderr; one sentence when something is missing.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isMainModule, runMain, say } from '../src/cli.ts';

export const webRoot = join(import.meta.dirname, '..', 'web');
const distIndex = join(webRoot, 'dist', 'index.html');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** true when web/dist is missing or older than a file of web/ (or this script). */
export function webBuildIsStale(): boolean {
  if (!existsSync(distIndex)) return true;
  const built = statSync(distIndex).mtimeMs;
  return newestSource(webRoot) > built || statSync(import.meta.filename).mtimeMs > built;
}

export async function buildWeb(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<'built' | 'fresh'> {
  const log = options.log ?? ((line: string) => say('web', line));
  if (!options.force && !webBuildIsStale()) {
    log('workspace (web/dist) is up to date');
    return 'fresh';
  }
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new Error('Vite is not installed: run npm install in the project directory, then build again (npm run build:web).');
  }
  const started = Date.now();
  log('building the workspace (web/ → web/dist) with Vite ...');
  await vite.build({
    root: webRoot,
    configFile: false,
    logLevel: 'warn',
    base: '/',
    // React's automatic JSX runtime (Vite's oxc transform): no plugin needed for a production build
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: join(webRoot, 'dist'),
      emptyOutDir: true,
      // no inline script anywhere: the CSP allows scripts from 'self' only
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 4000,
      sourcemap: false,
      reportCompressedSize: false,
      rolldownOptions: {
        // antd marks its modules "use client" (React Server Components): meaningless in this bundle
        onwarn(warning: { code?: string }, warn: (w: unknown) => void) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  } as import('vite').InlineConfig);
  log(`workspace built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (isMainModule(import.meta.url)) runMain('web', () => buildWeb({ force: process.argv.includes('--force') }));
