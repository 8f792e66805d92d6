// Small helpers shared by the scripts in scripts/: progress lines and one clear failure sentence.
export function say(scope: string, line: string): void {
  process.stderr.write(`[${scope}] ${line}\n`);
}

/** Runs a script's main; on failure prints one sentence (no stack) and exits non-zero. */
export function runMain(scope: string, main: () => Promise<unknown>): void {
  main().then(
    () => undefined,
    (error: unknown) => {
      say(scope, `失败 / failed: ${error instanceof Error ? error.message : String(error)}`);
      if (process.env.DEBUG) console.error(error);
      process.exit(1);
    },
  );
}

export function isMainModule(importMetaUrl: string): boolean {
  return importMetaUrl === `file://${process.argv[1]}`;
}
