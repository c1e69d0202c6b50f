import type { ModuleAddOutcome } from './add-module.ts';
import type { ModuleEditOutcome, ServedUnit } from './apply-module-edit.ts';
import { describeError } from './describe-error.ts';
import type { ModuleRemoveOutcome } from './remove-module.ts';

/** How many schema changes a served edit lists before "and N more". */
const CHANGES_SHOWN = 3;

/**
 * What `turnout dev` prints after a module team's save: the version that serves now and
 * how the schema changed, or why the edit was refused and which version still serves.
 * A build error comes as esbuild words it: file, line and column, and the line itself.
 *
 * @example
 * await describeModuleEdit(outcome, 640);
 * // 'titles: version 3 serves (was 2), 640 ms after the save; schema: Field 'tagline' was added to object type 'Title''
 * // 'gatepass: cell-1 version 2 (was 1), cell-2 version 2 (was 1), cell-3 version 2 (was 1) serve, ...'
 */
export async function describeModuleEdit(
  outcome: ModuleEditOutcome,
  msSinceSave: number,
): Promise<string> {
  const ms = Math.round(msSinceSave);
  if (outcome.outcome === 'unchanged')
    return `${outcome.module}: saved, nothing to serve (the code and manifest are as served)`;
  if (outcome.outcome === 'served') {
    const steps = Object.entries(outcome.steps)
      .map(([step, stepMs]) => `${step} ${stepMs}`)
      .join(', ');
    return `${outcome.module}: ${describeVersions(outcome.units)}, ${ms} ms after the save (${steps} ms); ${describeChanges(outcome.changes)}`;
  }
  return `${outcome.module}: the edit was refused; the last good version still serves.\n${indent(await describeError(outcome.error))}`;
}

/**
 * What `turnout dev` prints after a save brought up a module that was not there at start,
 * or why it was not brought up.
 *
 * @example
 * await describeModuleAdd(outcome, 2400);
 * // 'reviews: added, version 1 serves, 2400 ms after the save'
 */
export async function describeModuleAdd(
  outcome: ModuleAddOutcome,
  msSinceSave: number,
): Promise<string> {
  if (outcome.outcome === 'refused') {
    return `${outcome.folder}: the new module was not added; a save tries again.\n${indent(await describeError(outcome.error))}`;
  }
  const [only] = outcome.units;
  const versions =
    outcome.units.length === 1 && only && !outcome.module.manifest.cells
      ? `version ${only.version} serves`
      : `${outcome.units.map((u) => `${u.unit} version ${u.version}`).join(', ')} serve`;
  const unwarmed = outcome.unwarmed.length
    ? `; ${outcome.unwarmed.join(', ')} not warmed, its first invoke says why`
    : '';
  return `${outcome.module.manifest.name}: added, ${versions}, ${Math.round(msSinceSave)} ms after the save${unwarmed}`;
}

/**
 * What `turnout dev` prints after a module's folder (or its `module.ts`) was removed:
 * what clients no longer reach and what was kept, or why it still serves.
 *
 * @example
 * await describeModuleRemove(outcome, 180);
 * // 'greet: removed, 180 ms after its module.ts went; /greet and its part of the schema are no longer served. Its tables and queues are kept, ...'
 */
export async function describeModuleRemove(
  outcome: ModuleRemoveOutcome,
  msSinceSave: number,
): Promise<string> {
  const { module } = outcome;
  if (outcome.outcome === 'refused') {
    return `${module}: its folder was removed, but the module could not be taken down; it still serves. Bring the folder back, or restart \`turnout dev\`.\n${indent(await describeError(outcome.error))}`;
  }
  const parts = [
    ...(outcome.prefixes.length > 0 ? [outcome.prefixes.join(', ')] : []),
    ...(outcome.graphql ? ['its part of the schema'] : []),
  ];
  const gone =
    parts.length > 0
      ? `; ${parts.join(' and ')} ${parts.length > 1 || outcome.prefixes.length > 1 ? 'are' : 'is'} no longer served`
      : '';
  const leftover =
    outcome.leftover === undefined
      ? ''
      : `\n${indent(`Its function could not all be deleted: ${await describeError(outcome.leftover)}`)}`;
  return `${module}: removed, ${Math.round(msSinceSave)} ms after its module.ts went${gone}. Its tables and queues are kept, with what is in them: modules/${module}/module.ts brought back brings the module back with its data.${leftover}`;
}

/** `version 3 serves (was 2)`, or for a cellular module each cell's: `cell-1 version 2 (was 1), cell-2 version 2 (was 1) serve`. */
function describeVersions(units: readonly ServedUnit[]): string {
  const [only] = units;
  if (units.length === 1 && only && !only.cell)
    return `version ${only.version} serves (was ${only.previous})`;
  const cells = units.map((u) => `${u.cell ?? u.unit} version ${u.version} (was ${u.previous})`);
  return `${cells.join(', ')} serve`;
}

function describeChanges(changes: readonly { message: string; criticality: string }[]): string {
  if (changes.length === 0) return 'schema unchanged';
  const shown = changes.slice(0, CHANGES_SHOWN).map((c) => c.message);
  const more = changes.length > CHANGES_SHOWN ? `; and ${changes.length - CHANGES_SHOWN} more` : '';
  return `schema: ${shown.join('; ')}${more}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
