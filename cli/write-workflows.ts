import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RegionRollout } from '../control-plane/deploy/index.ts';
import type { PipelineDefinition } from '../control-plane/deploy/pipeline-definition.ts';
import { GATEWAY_UNIT, gatewayWorkflow } from '../control-plane/workflows/gateway-workflow.ts';
import { moduleWorkflow } from '../control-plane/workflows/module-workflow.ts';
import { generatedHeader, workflowPath } from '../control-plane/workflows/workflow-parts.ts';
import { toYaml } from '../lib/to-yaml.ts';

export interface WriteWorkflowsOptions {
  root: string;
  /** Module names (folders under modules/) and `gateway`. */
  units: readonly string[];
  definition: PipelineDefinition;
  /** As the workflows pass it to `turnout deploy --pipeline`, from the root. */
  pipelineFile: string;
  regions?: RegionRollout;
  branch?: string;
  /** Write nothing: say which files differ from what would be written. */
  check?: boolean;
}

export interface WorkflowFile {
  unit: string;
  /** From the root. */
  path: string;
  /** `written`, `unchanged`, or, checking, `stale` (differs or missing). */
  state: 'written' | 'unchanged' | 'stale';
}

/**
 * Writes (or checks) each unit's workflow under `.github/workflows/`, from the pipeline
 * definition: a module's own release pipeline, or the gateway's.
 *
 * @throws Error naming a unit that is neither a module folder nor `gateway`
 */
export async function writeWorkflows(options: WriteWorkflowsOptions): Promise<WorkflowFile[]> {
  for (const unit of options.units) await checkUnit(options.root, unit);
  const files: WorkflowFile[] = [];
  for (const unit of options.units) {
    const path = workflowPath(unit);
    const text = workflowText(unit, options);
    const file = join(options.root, path);
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing === text) files.push({ unit, path, state: 'unchanged' });
    else if (options.check) files.push({ unit, path, state: 'stale' });
    else {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      files.push({ unit, path, state: 'written' });
    }
  }
  return files;
}

/** What `turnout pipeline <unit>` writes for the unit. */
export function workflowText(
  unit: string,
  options: Omit<WriteWorkflowsOptions, 'root' | 'units'>,
): string {
  const workflow =
    unit === GATEWAY_UNIT
      ? gatewayWorkflow({ definition: options.definition, branch: options.branch })
      : moduleWorkflow(unit, options);
  return `${generatedHeader(unit, options.pipelineFile)}\n${toYaml(workflow)}`;
}

async function checkUnit(root: string, unit: string): Promise<void> {
  if (unit === GATEWAY_UNIT) return;
  const manifest = join(root, 'modules', unit, 'module.ts');
  const found =
    /^[a-z][a-z0-9-]*$/.test(unit) &&
    unit !== 'kit' &&
    (await stat(manifest).catch(() => undefined));
  if (!found)
    throw new Error(
      `"${unit}" is neither a module (no ${join('modules', unit, 'module.ts')}) nor \`gateway\`: name a folder under modules/, or pass --all.`,
    );
}
