#!/usr/bin/env node
// The package's command: runs the built CLI (npm install builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('superboard-lab: the CLI is not built yet; run `npm run build` first.\n');
  process.exit(1);
}
await import(cli.href);
