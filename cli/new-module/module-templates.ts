/** How a new module's name is spelled in its code: `lost-found` gives `lostFound`, `LostFound`. */
export interface ModuleNaming {
  /** The module's name, its folder and its REST prefix: `lost-found`. */
  name: string;
  /** For GraphQL fields and variables: `lostFound`. */
  camel: string;
  /** For types and functions: `LostFound`. */
  pascal: string;
  /** For constants: `LOST_FOUND`. */
  upper: string;
}

export interface TemplateInput extends ModuleNaming {
  owner: string;
  tier: string;
}

/** A file of the new module: its name in the module's folder and its text. */
export interface TemplateFile {
  file: string;
  text: string;
}

export function namingOf(name: string): ModuleNaming {
  const words = name.split('-').filter(Boolean);
  const capitalised = words.map((word) => word[0]?.toUpperCase() + word.slice(1));
  return {
    name,
    camel: (words[0] ?? '') + capitalised.slice(1).join(''),
    pascal: capitalised.join(''),
    upper: words.join('_').toUpperCase(),
  };
}

/**
 * A REST module in the house's shape: the manifest, the Hono app (what the team
 * edits), its test, and the handler at the edge. It answers `GET /<name>/status`,
 * which its smoke check asks before any version gets traffic.
 */
export function restModuleFiles(input: TemplateInput): TemplateFile[] {
  const { name, pascal, owner, tier } = input;
  return [
    {
      file: 'module.ts',
      text: `import { defineModule } from '../kit/index.ts';

/** The ${name} module: its REST paths are under /${name}. */
export default defineModule({
  name: '${name}',
  owner: '${owner}',
  tier: '${tier}', // low | medium | high | critical: less critical deploys first
  description: 'Say in a sentence what ${name} does.',
  rest: {
    prefixes: ['/${name}'],
    // What callers need, per path and method; the gateway refuses the rest. E.g.
    // access: [{ path: '/${name}', authenticated: true }],
  },
  smokeChecks: [
    {
      name: 'answers its status',
      rest: { method: 'GET', path: '/${name}/status' },
      expect: { data: { module: '${name}', ok: true } },
    },
  ],
});
`,
    },
    {
      file: `create-${name}-app.ts`,
      text: `import { Hono } from 'hono';
import { useRestErrors } from '../kit/index.ts';

/**
 * The ${name} module's REST API under \`/${name}\`: the gateway routes every path there
 * to this module's function.
 *
 * @example
 * const response = await create${pascal}App().request('/${name}/status');
 */
export function create${pascal}App() {
  return useRestErrors(new Hono())
    .basePath('/${name}')
    .get('/status', (c) => c.json({ module: '${name}', ok: true }));
}
`,
    },
    {
      file: `create-${name}-app.test.ts`,
      text: `import { describe, expect, it } from 'vitest';
import { create${pascal}App } from './create-${name}-app.ts';

describe('create${pascal}App', () => {
  it('answers its status', async () => {
    const response = await create${pascal}App().request('/${name}/status');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ module: '${name}', ok: true });
  });
});
`,
    },
    {
      file: 'handler.ts',
      text: `import { createRestHandler } from '../kit/index.ts';
import { create${pascal}App } from './create-${name}-app.ts';

// The edge: the kit makes the app a Lambda handler for the gateway's (and API Gateway's)
// HTTP API v2 events. Build clients here (createModuleClients) and pass them in.
export const handler = createRestHandler(create${pascal}App());
`,
    },
  ];
}

/**
 * A GraphQL module (a graphlet) in the house's shape: the manifest with its SDL, the
 * graphlet (what the team edits), its test, and the handler at the edge. It answers
 * `<camel>Greeting(name:)`, which its smoke check asks before any version gets traffic.
 */
export function graphqlModuleFiles(input: TemplateInput): TemplateFile[] {
  const { name, camel, pascal, upper, owner, tier } = input;
  return [
    {
      file: 'module.ts',
      text: `import { defineModule } from '../kit/index.ts';

/** What the ${name} graphlet adds to the one schema the gateway serves. */
export const ${upper}_SDL = /* GraphQL */ \`
  type Query {
    "A greeting from the ${name} module: replace it with the module's own fields."
    ${camel}Greeting(name: String! = "world"): String!
  }
\`;

export default defineModule({
  name: '${name}',
  owner: '${owner}',
  tier: '${tier}', // low | medium | high | critical: less critical deploys first
  description: 'Say in a sentence what ${name} does.',
  graphql: { sdl: ${upper}_SDL },
  smokeChecks: [
    {
      name: 'greets',
      graphql: { query: '{ ${camel}Greeting(name: "smoke") }' },
      expect: { data: { ${camel}Greeting: 'hello, smoke' } },
    },
  ],
});
`,
    },
    {
      file: `create-${name}-graphlet.ts`,
      text: `import { createGraphletHandler, type GraphletHandler } from '../kit/index.ts';
import { ${upper}_SDL } from './module.ts';

/**
 * The ${name} graphlet: the gateway sends it the part of a client's query that is its.
 *
 * @example
 * const answer = await create${pascal}Graphlet()({ query: '{ ${camel}Greeting(name: "Ada") }' });
 */
export function create${pascal}Graphlet(): GraphletHandler {
  return createGraphletHandler({
    sdl: ${upper}_SDL,
    resolvers: {
      Query: {
        ${camel}Greeting: (_: unknown, args: { name: string }) => \`hello, \${args.name}\`,
      },
    },
  });
}
`,
    },
    {
      file: `create-${name}-graphlet.test.ts`,
      text: `import { describe, expect, it } from 'vitest';
import { create${pascal}Graphlet } from './create-${name}-graphlet.ts';

describe('create${pascal}Graphlet', () => {
  it('greets by name', async () => {
    const answer = await create${pascal}Graphlet()({ query: '{ ${camel}Greeting(name: "Ada") }' });
    expect(answer).toEqual({ data: { ${camel}Greeting: 'hello, Ada' } });
  });
});
`,
    },
    {
      file: 'handler.ts',
      text: `import { create${pascal}Graphlet } from './create-${name}-graphlet.ts';

// The edge: build clients here (createModuleClients) and pass them to the graphlet.
export const handler = create${pascal}Graphlet();
`,
    },
  ];
}

/** A command that asks the new module what its template answers, through the local gateway. */
export function tryItCommand({ name, camel }: ModuleNaming, graphql: boolean): string {
  return graphql
    ? `curl -s localhost:4000/graphql -H 'content-type: application/json' -d '{"query":"{ ${camel}Greeting(name: \\"you\\") }"}'`
    : `curl -s localhost:4000/${name}/status`;
}
