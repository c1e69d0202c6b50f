import { ManifestError } from './errors.ts';
import {
  type ModuleManifest,
  type ModuleManifestInput,
  moduleManifestSchema,
  type QueueManifest,
  type TableManifest,
} from './manifest-schema.ts';
import { plainZodMessage } from './plain-zod-message.ts';

/**
 * A validated manifest that still knows the names of its tables and queues, so
 * `moduleResources(manifest, ...)` offers `tables.votes`, not `tables[string]`.
 */
export type DefinedModule<T extends ModuleManifestInput = ModuleManifestInput> = Omit<
  ModuleManifest,
  'tables' | 'queues'
> & {
  tables: { [K in keyof NonNullable<T['tables']>]: TableManifest };
  queues: { [K in keyof NonNullable<T['queues']>]: QueueManifest };
};

/**
 * Declares a module. Validates the manifest at once, so a mistake surfaces where the
 * module is defined, with the field and the fix, not later inside a deployment.
 *
 * @example
 * export default defineModule({
 *   name: 'ratings', owner: 'team-ratings', tier: 'medium',
 *   graphql: { sdl }, tables: { votes: { partitionKey: { name: 'pk' } } },
 * });
 */
export function defineModule<const T extends ModuleManifestInput>(input: T): DefinedModule<T> {
  const result = moduleManifestSchema.safeParse(input, { error: plainZodMessage });
  if (result.success) return result.data as DefinedModule<T>;
  const problems = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(manifest)',
    message: issue.message,
  }));
  const name = typeof input?.name === 'string' ? `module "${input.name}"` : 'module';
  const lines = problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n');
  throw new ManifestError(`The manifest of ${name} is invalid:\n${lines}`, problems, {
    cause: result.error,
  });
}
