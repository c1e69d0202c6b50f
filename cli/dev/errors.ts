/** Errors of `turnout dev`. Each says what to do about it. */

/** The gateway's port is taken: by another `turnout dev` (its pid and URL known) or by anything else. */
export class GatewayPortTakenError extends Error {
  override readonly name = 'GatewayPortTakenError';
  readonly code = 'PORT_TAKEN';

  constructor(
    readonly port: number,
    /** The other `turnout dev` of this project that holds the port, when it is one. */
    readonly holder?: { pid: number; gateway: string; startedAt: string },
  ) {
    super(
      holder
        ? `Port ${port} is taken by another \`turnout dev\` (pid ${holder.pid}, serving ${holder.gateway} since ${holder.startedAt}). ` +
            `Use that one, stop it (Ctrl-C in its terminal, or \`kill ${holder.pid}\`), or start this one on another port with \`--port <port>\`.`
        : `Port ${port} is taken by another program. Stop it (\`ss -ltnp 'sport = :${port}'\` names it), ` +
            'or start on another port with `--port <port>` (or PORT=<port>).',
    );
  }
}

/** A live edit's new version failed its init (its handler threw while loading): it never serves. */
export class EditInitFailedError extends Error {
  override readonly name = 'EditInitFailedError';
  readonly code = 'INIT_FAILED';

  constructor(
    readonly functionName: string,
    readonly version: string,
  ) {
    super(
      `Version ${version} of ${functionName} failed its init (the handler or a module it imports threw while loading), ` +
        'so `live` stays where it was. Its error is in the function log above; fix it and save again.',
    );
  }
}

/** A module's code does not build at start: `turnout dev` starts every module or none. */
export class ModuleBuildError extends Error {
  override readonly name = 'ModuleBuildError';
  readonly code = 'BUILD_FAILED';

  constructor(
    readonly module: string,
    /** Why, as `describeError` words it: esbuild's file, line and column. */
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Module "${module}" does not build, so \`turnout dev\` did not start.\n${detail}\n` +
        'Fix it and start again: the modules that built are kept in .turnout/build-cache.',
      options,
    );
  }
}
