#!/usr/bin/env node
// Entry point of the `frontier-sos` command. It runs the CLI that `npm run build` bundles to
// out/cli/index.mjs, so no TypeScript loader is needed at run time.
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/index.mjs', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('frontier-sos is not built yet: run `npm run build` in the Frontier SOS folder first.\n');
  process.exit(2);
}
const { run, processIO } = await import(built.href);
process.exitCode = await run(process.argv.slice(2), processIO());
