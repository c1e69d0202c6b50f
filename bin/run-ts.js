#!/usr/bin/env node
// Runs a TypeScript entry point on Node 20, which cannot strip types itself:
// tsx registers its loader, then the entry is imported as-is.
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
// Node 20 with the AWS SDK pinned: skip its notice that 2027 releases need Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0] ?? 'node', entry, ...rest];
await import(pathToFileURL(entry).href);
