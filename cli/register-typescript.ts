let registered: Promise<void> | undefined;

/**
 * Lets later imports load TypeScript (a module's `module.ts` and `seed.ts`, a pipeline
 * file): Node 20 cannot strip types, so tsx's loader does it. Only the commands that
 * import such files call this; the CLI itself is built JavaScript, and `--help`, `status`
 * and `rollback` start without tsx. Idempotent.
 */
export function registerTypeScript(): Promise<void> {
  registered ??= import('tsx/esm/api').then(({ register }) => {
    register();
  });
  return registered;
}
