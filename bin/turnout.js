#!/usr/bin/env node
// The `turnout` command. The CLI is TypeScript; tsx's loader lets Node 20 run it unbuilt.
import { register } from 'tsx/esm/api';

register();
// We run on Node 20 with the AWS SDK pinned in package-lock.json; its notice that releases
// from 2027 on need Node 22 would otherwise open every command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../cli/index.ts');
await main(process.argv);
