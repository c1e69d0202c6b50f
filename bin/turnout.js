#!/usr/bin/env node
// The `turnout` command. The CLI is TypeScript; tsx's loader lets Node 20 run it unbuilt.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../infra/cli/index.ts');
await main(process.argv);
