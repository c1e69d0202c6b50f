/**
 * Whether an environment is production: its name starts with `prod` (`prod`,
 * `production`, `prod2`; not `preprod`). Production keeps its resources when removed
 * and its data behind deletion protection; every other environment is removed in full,
 * its tables included.
 *
 * @example
 * isProductionEnvironment(parseStage('prod-us-east-1').environment); // true
 * isProductionEnvironment('staging'); // false
 */
export function isProductionEnvironment(environment: string): boolean {
  return environment.startsWith('prod');
}
