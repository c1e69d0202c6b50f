#!/usr/bin/env node
// The `turnout` command. It runs the CLI as built JavaScript (dist/cli/, bin/build-cli.js):
// no TypeScript compiler at start. A source edited since the build is built again first,
// so a developer never runs a stale command.
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findCliBuild } from './find-cli-build.js';

// We run on Node 20 with the AWS SDK pinned in package-lock.json; its notice that releases
// from 2027 on need Node 22 would otherwise open every command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Stack traces that name the TypeScript sources; only when asked, as reading maps costs.
if (process.env.TURNOUT_DEBUG) process.setSourceMapsEnabled(true);

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = findCliBuild(root) ?? (await rebuild());
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv);

async function rebuild() {
  process.stderr.write('turnout: building the command (no build yet, or a source changed)...\n');
  const { buildCli } = await import('./build-cli.js');
  try {
    return await buildCli(root);
  } catch (error) {
    process.stderr.write(
      `turnout: could not build the command: ${error instanceof Error ? error.message : error}\n` +
        'Fix the source the error names, then run the command again (or `npm run build:cli`).\n',
    );
    process.exit(1);
  }
}
