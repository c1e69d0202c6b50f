import type { GenerationSource } from './create-generation-watcher.ts';
import type { RegistryTable } from './load-newest-generation.ts';

/**
 * A registry table read through the DynamoDB SDK, as a generation source; any other
 * source is answered as it is. The SDK loads on first use, and only tools, tests and the
 * local server come here: the gateway Lambda reads the registry with
 * `createLeanRegistrySource` and its bundle leaves the SDK out.
 *
 * @example
 * const source = toGenerationSource({ documents, tableName: 'turnout-registry' });
 */
export function toGenerationSource(registry: RegistryTable | GenerationSource): GenerationSource {
  if ('load' in registry) return registry;
  const sdk = () => import('./load-newest-generation.ts');
  return {
    load: async (options) => (await sdk()).loadNewestGeneration(registry, options),
    peekNewest: async () => (await sdk()).peekNewestGenerationNumber(registry),
  };
}
