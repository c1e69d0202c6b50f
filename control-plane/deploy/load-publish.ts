/**
 * The publish part (composition, checks, releases), loaded when a step first needs it:
 * it pulls in graphql-tools, which `turnout rollback` and `turnout status` (sharing this
 * folder) must not pay for at start.
 */
export function loadPublish() {
  return import('../publish/index.ts');
}
