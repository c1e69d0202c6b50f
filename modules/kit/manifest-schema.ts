import * as z from 'zod';
import { HTTP_METHODS } from '../../contracts/rest-access-rule.ts';
import { SMOKE_CHECK_PLACEHOLDERS, unknownPlaceholders } from './fill-smoke-check.ts';
import { CRITICALITY_TIERS } from './tiers.ts';

const logicalName = z
  .string()
  .regex(
    /^[a-z][a-zA-Z0-9]{0,39}$/,
    'use camelCase letters and digits, starting with a lowercase letter (e.g. "votes")',
  );

const attribute = z.object({
  name: z.string().min(1, 'name the attribute'),
  type: z.enum(['S', 'N', 'B']).default('S'),
});

const tableSchema = z
  .object({
    partitionKey: attribute,
    sortKey: attribute.optional(),
    indexes: z
      .record(logicalName, z.object({ partitionKey: attribute, sortKey: attribute.optional() }))
      .default({}),
    /** The attribute that holds an item's expiry time (epoch seconds). */
    ttlAttribute: z.string().optional(),
    stream: z.enum(['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY']).optional(),
    /** Regions beyond the home one that hold a global-table replica. */
    replicaRegions: z.array(z.string()).default([]),
  })
  .strict();

const queueSchema = z
  .object({
    fifo: z.boolean().default(false),
    visibilityTimeoutSeconds: z.number().int().min(0).max(43_200).default(30),
    /** Receives before a message moves to the queue's dead-letter queue. */
    maxReceiveCount: z.number().int().min(1).max(1000).default(3),
    /** Whether this module's function consumes the queue (an event source mapping). */
    consumer: z.object({ batchSize: z.number().int().min(1).max(10_000).default(10) }).optional(),
  })
  .strict();

/** The leaves a smoke check's `expect.shape` names; with a trailing `?` null is allowed too. */
const SHAPE_LEAVES = ['string', 'number', 'boolean', 'any'] as const;
type ShapeLeaf = (typeof SHAPE_LEAVES)[number];

/**
 * A small JSON shape: `'string'`, `'number'`, `'boolean'` or `'any'` (any value but
 * null), each with `?` to allow null (`'string?'`); `[item]`, a list of at least one
 * item, each of that shape (an empty list proves nothing; `[]` takes any list, even
 * empty); `{ key: shape }`, an object with at least those keys.
 */
export type SmokeShape = ShapeLeaf | `${ShapeLeaf}?` | SmokeShape[] | { [key: string]: SmokeShape };

const SHAPE_LEAF_NAMES = new Set<unknown>([
  ...SHAPE_LEAVES,
  ...SHAPE_LEAVES.map((leaf) => `${leaf}?`),
]);

/**
 * What is wrong with a shape, at which path under it; undefined when nothing is. Read
 * after the check's own type is known (in the check's refinement), because a union of
 * check types says only "Invalid input" about what its members refuse.
 */
function shapeProblem(shape: unknown, path: string): string | undefined {
  if (typeof shape === 'string') {
    if (SHAPE_LEAF_NAMES.has(shape)) return undefined;
    return `${path}: ${JSON.stringify(shape)} is no shape: use 'string', 'number', 'boolean' or 'any' (with ? to allow null), [shape] or { key: shape }`;
  }
  if (Array.isArray(shape)) {
    if (shape.length > 1) return `${path}: a list shape names one item shape: [shape]`;
    return shape.length === 0 ? undefined : shapeProblem(shape[0], `${path}.0`);
  }
  if (typeof shape !== 'object' || shape === null)
    return `${path}: ${JSON.stringify(shape)} is no shape`;
  for (const [key, item] of Object.entries(shape)) {
    const problem = shapeProblem(item, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * What a smoke check's answer must hold besides no error (a GraphQL check's `data`, a
 * REST check's JSON body): `data`, a JSON subset (every key given, with the same value;
 * a list as long, item by item; other keys may be there too), and `shape`.
 */
const smokeExpectationSchema = z
  .object({
    data: z.unknown().optional(),
    // Checked by shapeProblem in the check's refinement, to name what is wrong.
    shape: z.custom<SmokeShape>(() => true).optional(),
  })
  .strict();

/** RFC 6749's scope-token: printable ASCII without spaces, quotes or backslashes. */
const scope = z
  .string()
  .regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'a scope is one word, e.g. "gatepass:write"');

/** Who a smoke check calls as: the pipeline invokes the function directly, as the gateway would for this caller. */
const smokeCallerSchema = z
  .object({
    sub: z.string().min(1, 'name the subject, e.g. "turnout-pipeline"'),
    scopes: z.array(scope).default([]),
  })
  .strict();

/**
 * A check the pipeline runs against a new version before it gets traffic, and against
 * the live alias after the shift. A check's strings (a REST path and body, a GraphQL
 * query and variables) may hold placeholders, replaced afresh in each smoke run:
 * `{{uuid}}` is a random UUID, the same in every check of one run. That lets a check
 * write data no earlier deployment wrote (a load, a gate pass for a new load id, a
 * message to a new driver) and a later check read it back: the checks of a run run one
 * after another, in the order the manifest lists them. `expect` asserts on the answer
 * itself: a subset of its data and its shape, so an answer of the wrong shape (an
 * empty merge list, nulls) fails the check, not only an error.
 *
 * @example
 * smokeChecks: [
 *   { name: 'creates a load', rest: { method: 'POST', path: '/loads',
 *     body: { loadId: 'smoke-{{uuid}}', stops }, expectStatus: 201 } },
 *   { name: 'reads it back', rest: { path: '/loads/smoke-{{uuid}}' } },
 * ]
 */
const smokeCheckSchema = z
  .union([
    z
      .object({
        name: z.string().min(1),
        graphql: z.object({
          query: z.string().min(1),
          variables: z.record(z.string(), z.unknown()).optional(),
        }),
        /** Calls as this verified caller (`context.identity`); anonymous without it. */
        caller: smokeCallerSchema.optional(),
        /** Asserts on the answer's `data`. */
        expect: smokeExpectationSchema.optional(),
      })
      .strict(),
    z
      .object({
        name: z.string().min(1),
        rest: z.object({
          method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
          /** With an optional query string, e.g. `/loads/smoke-{{uuid}}?verbose=1`. */
          path: z.string().startsWith('/', 'a smoke-check path starts with "/"'),
          /** Sent as JSON. */
          body: z.unknown().optional(),
          expectStatus: z.number().int().min(100).max(599).default(200),
        }),
        /** Calls as this verified caller (`requestContext.authorizer.jwt`); anonymous without it. */
        caller: smokeCallerSchema.optional(),
        /** Asserts on the answer's body, parsed as JSON. */
        expect: smokeExpectationSchema.optional(),
      })
      .strict(),
  ])
  .superRefine((check, ctx) => {
    const problem =
      check.expect?.shape === undefined
        ? undefined
        : shapeProblem(check.expect.shape, 'expect.shape');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    const unknown = unknownPlaceholders([
      'graphql' in check ? check.graphql : check.rest,
      check.expect?.data,
    ]);
    if (unknown.length === 0) return;
    const known = Object.keys(SMOKE_CHECK_PLACEHOLDERS).map((name) => `{{${name}}}`);
    ctx.addIssue({
      code: 'custom',
      message: `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}: use ${known.join(', ')}`,
    });
  });

/**
 * A name the function reads from its environment. Not one Lambda reserves (`AWS_*`,
 * `LAMBDA_*`, `_*`), `NODE_OPTIONS` (the stacks own it), or one of the kit's own
 * (`TURNOUT_MODULE`, `TURNOUT_CELL`, `TURNOUT_TABLE_*`, `TURNOUT_QUEUE_*`): those name the module's resources.
 */
const environmentName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'use UPPER_SNAKE_CASE, e.g. "TURNOUT_AWARDS_SERVICE_URL"')
  .refine(
    (name) =>
      !/^(AWS_|LAMBDA_|TURNOUT_TABLE_|TURNOUT_QUEUE_)/.test(name) &&
      !['NODE_OPTIONS', 'TURNOUT_MODULE', 'TURNOUT_CELL'].includes(name),
    'this name is reserved (AWS_*, LAMBDA_*, NODE_OPTIONS, TURNOUT_MODULE, TURNOUT_CELL, TURNOUT_TABLE_*, TURNOUT_QUEUE_*): choose another',
  );

/**
 * A value the module's function needs that differs per stage, e.g. the address of a
 * service it calls. Each stage provides it: `sst deploy` reads the stage variable from
 * its own environment (as CI sets one per environment), the local cloud provides its
 * own services' addresses.
 *
 * @example
 * TURNOUT_AWARDS_SERVICE_URL: { description: "the legacy awards service's base URL", fromStage: 'AWARDS_SERVICE_URL' }
 */
const runtimeSettingSchema = z
  .object({
    /** What the value is; the error for a stage that provides none names it. */
    description: z
      .string()
      .min(1, 'say what the value is, e.g. "the base URL of the awards service"'),
    /** The stage variable that holds it. Defaults to the function's variable name. */
    fromStage: environmentName.optional(),
    /** When the stage provides none. Without it, a stage that provides none cannot deploy. */
    default: z.string().optional(),
  })
  .strict();

const restPrefix = z
  .string()
  .regex(
    /^\/[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/,
    'a REST prefix is a lowercase path such as "/message" or "/fleet/loads", with no trailing slash',
  );

/** `[["a", "b"], ["c"]]`: a and b, or c (the shape of the federation's @requiresScopes). */
const scopeSets = z
  .array(z.array(scope).min(1, 'each scope set names at least one scope'))
  .min(1, 'list at least one scope set, e.g. [["gatepass:write"], ["dispatch"]]');

/**
 * What the module requires of callers on part of its paths (contracts/rest-access-rule.ts):
 * the gateway refuses a caller that does not meet it (401 or 403) before it invokes the
 * module. A rule covers its path and everything below it; `:name` stands for one segment.
 */
const accessPath = z
  .string()
  .regex(
    /^(\/([A-Za-z0-9._~-]+|:[A-Za-z][A-Za-z0-9]*))+$/,
    'a path such as "/gatepass" or "/gatepass/:passId/check"',
  );

const accessRuleSchema = z
  .object({
    path: accessPath,
    methods: z
      .array(z.enum(HTTP_METHODS))
      .min(1, 'list at least one method, or leave methods out for all')
      .optional(),
    authenticated: z.literal(true).optional(),
    scopes: scopeSets.optional(),
  })
  .strict()
  .refine((rule) => (rule.authenticated === undefined) !== (rule.scopes === undefined), {
    message:
      'say what the rule requires: `authenticated: true`, or `scopes: [["..."]]` (scopes imply a signed-in caller), not both',
  });

const restSchema = z
  .object({
    prefixes: z.array(restPrefix).min(1, 'list at least one prefix'),
    access: z.array(accessRuleSchema).default([]),
  })
  .strict()
  .superRefine((rest, ctx) => {
    const seen = new Set<string>();
    rest.access.forEach((rule, index) => {
      if (!rest.prefixes.some((prefix) => isUnder(rule.path, prefix))) {
        ctx.addIssue({
          code: 'custom',
          path: ['access', index, 'path'],
          message: `"${rule.path}" is under none of the module's prefixes (${rest.prefixes.join(', ')}): a rule guards paths the module serves`,
        });
      }
      for (const method of rule.methods ?? ['*']) {
        const key = `${method} ${rule.path.replace(/:[A-Za-z0-9]+/g, ':')}`;
        if (seen.has(key)) {
          ctx.addIssue({
            code: 'custom',
            path: ['access', index],
            message: `a second rule for ${method === '*' ? 'every method' : method} on ${rule.path}: keep one rule per path and method`,
          });
        }
        seen.add(key);
      }
    });
  });

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

const cellName = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,19}$/,
    'a cell name is 1-20 lowercase letters, digits or dashes, e.g. "cell-1"',
  );

/**
 * Where a REST request carries its partition key (contracts/cell-map.ts): a header, a
 * query parameter or a `:name` segment of the rule's path. A rule covers its path and
 * everything below it; the most specific rule wins.
 */
const restCellKeySchema = z
  .object({
    path: accessPath,
    header: z
      .string()
      .regex(/^[A-Za-z0-9-]+$/, 'a header name is letters, digits and dashes, e.g. "x-facility-id"')
      .transform((name) => name.toLowerCase())
      .optional(),
    query: z.string().min(1, 'name the query parameter, e.g. "facility"').optional(),
    pathParameter: z.string().min(1, 'name a :segment of the path').optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const sources = [rule.header, rule.query, rule.pathParameter].filter((s) => s !== undefined);
    if (sources.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `say where the key is with exactly one of header, query or pathParameter (this rule for ${rule.path} names ${sources.length})`,
      });
    }
    if (rule.pathParameter && !rule.path.split('/').includes(`:${rule.pathParameter}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['pathParameter'],
        message: `"${rule.pathParameter}" is not a segment of ${rule.path}: write the path with :${rule.pathParameter} in it, e.g. "/loads/:${rule.pathParameter}"`,
      });
    }
  });

const graphqlCellKeySchema = z
  .object({
    field: z
      .string()
      .regex(
        /^(Query|Mutation)\.[_A-Za-z][_0-9A-Za-z]*$/,
        'a root field as "Query.field" or "Mutation.field"',
      ),
    argument: z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*$/, 'name an argument of the field'),
  })
  .strict();

/**
 * The module's cells: complete, independent copies (own function, alias, tables, queues),
 * deployed one after another in this order, the first as the canary cell. Every request
 * goes to the cell its partition key maps to.
 *
 * @example
 * cells: { names: ['cell-1', 'cell-2', 'cell-3'], key: { rest: [{ path: '/gatepass', header: 'x-facility-id' }] } }
 */
const cellsSchema = z
  .object({
    names: z.array(cellName).min(1, 'list at least one cell, e.g. ["cell-1", "cell-2"]').max(64),
    /** Where a request that carries no key goes; without it such a request is refused (400). */
    defaultCell: cellName.optional(),
    key: z
      .object({
        rest: z.array(restCellKeySchema).default([]),
        graphql: z.array(graphqlCellKeySchema).default([]),
      })
      .strict(),
  })
  .strict()
  .superRefine((cells, ctx) => {
    const seen = new Set<string>();
    cells.names.forEach((name, index) => {
      if (seen.has(name))
        ctx.addIssue({
          code: 'custom',
          path: ['names', index],
          message: `"${name}" is listed twice`,
        });
      seen.add(name);
    });
    if (cells.defaultCell && !seen.has(cells.defaultCell)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultCell'],
        message: `"${cells.defaultCell}" is not one of the cells (${cells.names.join(', ')})`,
      });
    }
    if (cells.key.rest.length + cells.key.graphql.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message:
          'say where requests carry the partition key: key.rest (a header, query or path parameter per path) or key.graphql (a root field argument)',
      });
    }
  });

/** What the cells' key rules must agree with in the rest of the manifest. */
function checkCellKeys(
  manifest: {
    name: string;
    rest?: { prefixes: string[] };
    graphql?: { sdl: string };
    cells?: z.output<typeof cellsSchema>;
    cellOf?: unknown;
  },
  ctx: z.RefinementCtx,
): void {
  const { cells } = manifest;
  if (cells && manifest.cellOf)
    ctx.addIssue({
      code: 'custom',
      path: ['cellOf'],
      message: 'a cell has no cells of its own: leave cellOf out (the kit sets it on each cell)',
    });
  if (!cells) return;
  cells.names.forEach((cell, index) => {
    if (`${manifest.name}-${cell}`.length > 39)
      ctx.addIssue({
        code: 'custom',
        path: ['cells', 'names', index],
        message: `"${manifest.name}-${cell}" names the cell's resources and is longer than 39 characters: use a shorter cell name`,
      });
  });
  const prefixes = manifest.rest?.prefixes ?? [];
  cells.key.rest.forEach((rule, index) => {
    if (!prefixes.some((prefix) => isUnder(rule.path, prefix)))
      ctx.addIssue({
        code: 'custom',
        path: ['cells', 'key', 'rest', index, 'path'],
        message: `"${rule.path}" is under none of the module's REST prefixes (${prefixes.join(', ') || 'none'})`,
      });
  });
  if (!cells.defaultCell) {
    for (const prefix of prefixes) {
      if (!cells.key.rest.some((rule) => rule.path === prefix))
        ctx.addIssue({
          code: 'custom',
          path: ['cells', 'key', 'rest'],
          message: `requests under ${prefix} would carry no key: add a rule for "${prefix}" (a header or query parameter), or a defaultCell`,
        });
    }
  }
  cells.key.graphql.forEach((rule, index) => {
    const [type, field] = rule.field.split('.');
    if (!manifest.graphql || !declaresArgument(manifest.graphql.sdl, type, field, rule.argument))
      ctx.addIssue({
        code: 'custom',
        path: ['cells', 'key', 'graphql', index],
        message: `the module's SDL declares no ${rule.field}(${rule.argument}:): name a root field and one of its arguments`,
      });
  });
}

/**
 * Whether the SDL's `type Query { field(argument: ...) }` (or Mutation) is there, read
 * from the text: the kit's manifest check must not load graphql's parser for it.
 */
function declaresArgument(
  sdl: string,
  type: string | undefined,
  field: string | undefined,
  argument: string,
): boolean {
  const blocks = sdl.split(new RegExp(`(?:type|extend\\s+type)\\s+${type}\\b`)).slice(1);
  return blocks.some((block) => {
    const body = block.slice(0, block.indexOf('}'));
    const declaration = new RegExp(`\\b${field}\\s*\\(([^)]*)\\)`).exec(body);
    return declaration !== null && new RegExp(`\\b${argument}\\s*:`).test(declaration[1] ?? '');
  });
}

/** A module's name: its folder, its functions' and tables' prefix, its REST prefix by default. */
export const moduleNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,38}$/,
    'use 2-39 lowercase letters, digits or dashes, starting with a letter',
  );

/** The manifest a module team writes in `modules/<name>/module.ts`. */
export const moduleManifestSchema = z
  .object({
    name: moduleNameSchema,
    owner: z.string().min(1, 'name the team that owns the module, e.g. "team-ratings"'),
    tier: z.enum(CRITICALITY_TIERS),
    description: z.string().optional(),
    graphql: z
      .object({ sdl: z.string().min(1, 'give the graphlet SDL') })
      .strict()
      .optional(),
    rest: restSchema.optional(),
    function: z
      .object({
        handler: z.string().default('handler.handler'),
        timeoutSeconds: z.number().int().min(1).max(900).default(10),
        memoryMB: z.number().int().min(128).max(10_240).default(256),
        /**
         * Concurrent invokes kept for this function alone, and its ceiling: one module
         * can then neither starve the others nor be starved. Left out, it shares the
         * account's pool.
         */
        reservedConcurrency: z.number().int().min(0).max(10_000).optional(),
      })
      .strict()
      .default({ handler: 'handler.handler', timeoutSeconds: 10, memoryMB: 256 }),
    /** What the function reads from its environment besides its tables and queues. */
    runtime: z
      .object({ environment: z.record(environmentName, runtimeSettingSchema).default({}) })
      .strict()
      .default({ environment: {} }),
    tables: z.record(logicalName, tableSchema).default({}),
    queues: z.record(logicalName, queueSchema).default({}),
    /** Complete copies of the module, each request routed to one by its partition key. */
    cells: cellsSchema.optional(),
    /**
     * Set by the kit on one cell's manifest (`cellUnitManifest`), never by a module team:
     * which module and cell this unit is. Its function reads the cell in `TURNOUT_CELL`.
     */
    cellOf: z.object({ module: z.string(), cell: cellName }).strict().optional(),
    /** Run in order, with placeholders such as `{{uuid}}` filled once per run. */
    smokeChecks: z.array(smokeCheckSchema).default([]),
    /** Per-module deployment settings; the pipeline fills the rest from the tier. */
    deploy: z.object({ strategy: z.string().optional() }).strict().default({}),
  })
  .strict()
  .refine((m) => m.graphql || m.rest, {
    message:
      'a module serves GraphQL, REST or both: add `graphql: { sdl }` or `rest: { prefixes: [...] }`',
    path: ['graphql'],
  })
  .superRefine(checkCellKeys);

/** What a module team writes (defaults may be left out). */
export type ModuleManifestInput = z.input<typeof moduleManifestSchema>;
/** A validated manifest with every default applied. */
export type ModuleManifest = z.output<typeof moduleManifestSchema>;
export type TableManifest = z.output<typeof tableSchema>;
export type QueueManifest = z.output<typeof queueSchema>;
export type SmokeCheck = z.output<typeof smokeCheckSchema>;
export type RuntimeSetting = z.output<typeof runtimeSettingSchema>;
export type SmokeExpectation = z.output<typeof smokeExpectationSchema>;
export type SmokeCaller = z.output<typeof smokeCallerSchema>;
export type RestAccessRuleManifest = z.output<typeof accessRuleSchema>;
export type CellsManifest = z.output<typeof cellsSchema>;
