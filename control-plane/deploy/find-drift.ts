import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import type { ModuleRelease } from '../../contracts/registry.ts';
// The one registry read it needs: the registry's index is light, but this keeps the
// rollback command's imports to what it uses.
import { readLatestGeneration } from '../registry/read-latest-generation.ts';
import { type AliasTraffic, readAliasTraffic } from './alias-traffic.ts';
import type { ModuleAt } from './module-run.ts';

/**
 * What no longer matches a module's record: the alias, or the registry's release of the
 * module, was changed outside this deployment (a `turnout rollback`, an UpdateAlias by
 * hand). Undefined when both stand where the record allows.
 */
export async function findDrift(at: ModuleAt, p: ModuleProgress): Promise<string | undefined> {
  const [traffic, latest] = await Promise.all([
    readAliasTraffic(at.target.lambda, at.ref),
    readLatestGeneration(at.target.documents, at.target.registryTable),
  ]);
  return describeDrift(p, at.weights, traffic, latest?.releases?.[at.module]);
}

/**
 * Every step records before it acts, so between two records the alias and the registry
 * may still stand where the previous step left them: both are allowed, nothing else.
 *
 * @param weights the strategy's weights, to know the step before this one
 */
export function describeDrift(
  p: ModuleProgress,
  weights: readonly number[],
  traffic: AliasTraffic,
  release: ModuleRelease | undefined,
): string | undefined {
  const allowed = allowedWeights(p, weights);
  if (!allowed) return undefined;
  const weight = candidateWeight(traffic, p);
  if (weight === undefined || (allowed !== 'any' && !allowed.some((w) => same(w, weight))))
    return `the alias ${describeTraffic(traffic)}, but the record says ${describeRecord(p)}`;
  const registry = registryState(release, p);
  if (!allowedRegistry(p, weight).includes(registry))
    return `the registry says ${describeRelease(release)}, but the record says ${describeRecord(p)}`;
  return undefined;
}

/** The candidate's share of the alias, or undefined when it routes to another version. */
function candidateWeight(traffic: AliasTraffic, p: ModuleProgress): number | undefined {
  const { canary } = traffic;
  if (p.phase === 'promoted' && traffic.version === p.candidate && !canary) return 1;
  if (traffic.version === p.stable && !canary) return 0;
  if (traffic.version === p.stable && canary && canary.version === p.candidate)
    return canary.weight;
  if (traffic.version === p.candidate && !canary) return 1;
  return undefined;
}

function allowedWeights(
  p: ModuleProgress,
  weights: readonly number[],
): number[] | 'any' | undefined {
  switch (p.phase) {
    case 'published':
    case 'pre-traffic':
      return [0];
    case 'shifting': {
      const step = p.step ?? 0;
      return [p.weight ?? 0, step > 0 ? (weights[step - 1] ?? 0) : 0];
    }
    case 'post-traffic':
    case 'promoted':
      return [1];
    case 'rolled-back':
      // Recorded before the alias moved back: any weight between the two versions.
      return 'any';
    default:
      return undefined;
  }
}

type RegistryState = 'none' | 'stable' | 'split' | 'promoted' | 'other';

function registryState(release: ModuleRelease | undefined, p: ModuleProgress): RegistryState {
  if (!release) return 'none';
  if (release.stable === p.stable && !release.candidate) return 'stable';
  if (release.stable === p.stable && release.candidate?.version === p.candidate) return 'split';
  if (release.stable === p.candidate && !release.candidate) return 'promoted';
  return 'other';
}

/** The registry moves before the alias on the way out, after it on the way back. */
function allowedRegistry(p: ModuleProgress, aliasWeight: number): RegistryState[] {
  const beforeSplit: RegistryState[] = aliasWeight === 0 ? ['none', 'stable'] : [];
  switch (p.phase) {
    case 'published':
    case 'pre-traffic':
      return ['none', 'stable'];
    case 'shifting':
      return (p.step ?? 0) === 0 ? [...beforeSplit, 'split'] : ['split'];
    case 'post-traffic':
      return ['split'];
    case 'promoted':
      return p.stable === p.candidate ? ['none', 'stable', 'promoted'] : ['split', 'promoted'];
    case 'rolled-back':
      return [...beforeSplit, 'split'];
    default:
      return [];
  }
}

function describeTraffic(traffic: AliasTraffic): string {
  const { canary } = traffic;
  if (!canary) return `serves version ${traffic.version} alone`;
  return `sends ${percent(canary.weight)} to version ${canary.version} and the rest to ${traffic.version}`;
}

function describeRelease(release: ModuleRelease | undefined): string {
  if (!release) return 'no version serves the module';
  if (!release.candidate) return `version ${release.stable} serves the module alone`;
  return `versions ${release.stable} and ${release.candidate.version} serve the module`;
}

function describeRecord(p: ModuleProgress): string {
  const versions = `version ${p.candidate} (stable ${p.stable})`;
  if (p.phase === 'shifting')
    return `${percent(p.weight ?? 0)} on ${versions}, step ${(p.step ?? 0) + 1}`;
  return `${p.phase} for ${versions}`;
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
const percent = (weight: number) => `${Math.round(weight * 1000) / 10}%`;
