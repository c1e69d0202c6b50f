/** Errors of publishing: each says what is wrong and how to fix it. */

export type PublishProblemCode =
  | 'INVALID_SDL'
  | 'RESERVED_FIELD'
  | 'ROOT_FIELD_CONFLICT'
  | 'TYPE_CONFLICT'
  | 'FIELD_TYPE_CONFLICT'
  | 'ACCESS_CONFLICT'
  | 'INVALID_ACCESS'
  | 'REST_PREFIX_TAKEN'
  | 'BREAKING_CHANGE'
  | 'COMPOSITION_FAILED'
  | 'GENERATION_TOO_LARGE'
  | 'VERSION_NOT_RECORDED'
  | 'CELLS_CHANGED'
  | 'CELL_SCHEMA_DIFFERS'
  | 'CELL_KEY_UNDECLARED';

/** One reason a publish was rejected. */
export interface PublishProblem {
  code: PublishProblemCode;
  /** What is wrong, naming the type, field or prefix. */
  message: string;
  /** What to change so the next publish passes. */
  fix: string;
  /** A schema coordinate such as `Title.rating` or `Query.title`, when there is one. */
  coordinate?: string;
  /** The REST prefix, for a route problem. */
  prefix?: string;
  /** The other module involved, for a conflict. */
  otherModule?: string;
  /** The file that holds the SDL, when it was found: then `line` counts in that file. */
  file?: string;
  /** Where in the module's SDL, for an SDL problem (1-based): in `file` when there is one. */
  line?: number;
  column?: number;
}

/** The registry was left unchanged because the module's schema or routes do not fit. */
export class PublishRejectedError extends Error {
  override readonly name = 'PublishRejectedError';
  readonly code = 'PUBLISH_REJECTED';

  constructor(
    readonly module: string,
    readonly problems: readonly PublishProblem[],
    options?: { cause?: unknown },
  ) {
    super(describeProblems(module, problems), options);
  }
}

/** Other publishes kept winning the race for the registry; nothing of ours was written. */
export class PublishConflictError extends Error {
  override readonly name = 'PublishConflictError';
  readonly code = 'PUBLISH_CONFLICT';

  constructor(
    readonly module: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Publishing module "${module}" lost the race for the registry ${attempts} times in a row to other publishes, and wrote nothing. Run the publish again; if it keeps happening, publish modules one at a time.`,
      options,
    );
  }
}

function describeProblems(module: string, problems: readonly PublishProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((p) => {
    const where = p.coordinate ?? p.prefix ?? placeOf(p);
    return `  - [${p.code}]${where ? ` ${where}:` : ''} ${p.message}\n    Fix: ${p.fix}`;
  });
  return `Publishing module "${module}" was rejected (${count}); the registry is unchanged.\n${lines.join('\n')}`;
}

function placeOf(problem: PublishProblem): string {
  if (!problem.line) return '';
  return problem.file
    ? `${problem.file}:${problem.line}:${problem.column}`
    : `line ${problem.line}:${problem.column} of the SDL`;
}
