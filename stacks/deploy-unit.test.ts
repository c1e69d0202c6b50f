import { existsSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cellUnitName } from '../contracts/cell-map.ts';
import type { DeployTarget } from '../control-plane/deploy/index.ts';
import { createModuleAt, type RecordingContext } from '../control-plane/deploy/module-run.ts';
import { definePipeline, pipelineNames } from '../control-plane/deploy/pipeline-definition.ts';
import { nextCellMaps } from '../control-plane/publish/plan-cell-maps.ts';
import { nextRoutes, nextSubgraphs } from '../control-plane/publish/plan-generation.ts';
import { createAppSettings } from './create-app-settings.ts';
import { deployUnit } from './deploy-unit.ts';
import { listModuleNames } from './list-module-names.ts';
import { loadModuleManifests } from './load-module-manifests.ts';
import {
  type PulumiRecorder,
  type RecordedResource,
  statements,
  usePulumiMocks,
} from './pulumi-test-mocks.ts';

let recorder: PulumiRecorder;

beforeAll(async () => {
  recorder = await usePulumiMocks('us-east-1');
});
beforeEach(() => recorder.reset());

const env = {
  TURNOUT_DOMAIN: 'api.example.com',
  TURNOUT_HOSTED_ZONE: 'example.com',
  // The stage's variable for the awards module's runtime setting.
  AWARDS_SERVICE_URL: 'https://awards.internal.example.com',
};
// A module still being written has no handler yet; the others must deploy as they are.
const ready = listModuleNames('modules').filter((name) => existsSync(`modules/${name}/handler.ts`));

async function render(
  unit: string,
  stage = 'prod-us-east-1',
  extra: Record<string, string> = {},
): Promise<RecordedResource[]> {
  recorder.reset();
  await deployUnit({
    unit,
    stage,
    env: { ...env, ...extra },
    opts: { transformations: recorder.transformations },
  });
  return recorder.settle();
}

const ofType = (resources: RecordedResource[], type: string) =>
  resources.filter((r) => r.type === type);

describe('deployUnit', () => {
  it.each(ready)(
    'declares the stack of the repository module "%s" with its live alias',
    async (name) => {
      // A cellular module deploys one stack per cell: its second cell stands for them.
      const cell = (await loadModuleManifests([name]))[0]?.cells?.names[1];
      const resources = await render(cell ? `${name}:${cell}` : name);
      const alias = resources.find((r) => r.type === 'aws:lambda/alias:Alias');
      expect(alias?.inputs).toMatchObject({
        name: 'live',
        functionName: `turnout-${cell ? cellUnitName(name, cell) : name}`,
      });
    },
  );

  it("declares a cell's stack under the cell's own names, as its own app, with no path mapping", async () => {
    expect(createAppSettings({ unit: 'gatepass:cell-2', stage: 'prod-us-east-1' }).name).toBe(
      'turnout-gatepass-cell-2',
    );
    const resources = await render('gatepass:cell-2');
    expect(ofType(resources, 'aws:dynamodb/table:Table').map((t) => t.inputs.name)).toEqual(
      expect.arrayContaining([
        'turnout-gatepass-cell-2-passes',
        'turnout-gatepass-cell-2-idempotency',
      ]),
    );
    expect(ofType(resources, 'aws:apigatewayv2/apiMapping:ApiMapping')).toEqual([]);
    const gateway = await render('gateway');
    const invokable = statements(gateway)
      .filter((s) => s.Action.includes('lambda:InvokeFunction'))
      .flatMap((s) => s.Resource);
    for (const cell of ['cell-1', 'cell-2', 'cell-3'])
      expect(invokable).toContain(
        `arn:aws:lambda:us-east-1:123456789012:function:turnout-gatepass-${cell}:live`,
      );
  }, 120_000);

  it('refuses a cellular module without a cell, and a cell the module does not declare', async () => {
    await expect(render('gatepass')).rejects.toThrow(
      'Module "gatepass" runs in cells (cell-1, cell-2, cell-3): deploy each in its own stack, e.g. TURNOUT_UNIT=gatepass:cell-1.',
    );
    await expect(render('gatepass:cell-9')).rejects.toThrow(
      'Module "gatepass" runs in cells (cell-1, cell-2, cell-3)',
    );
    await expect(render('message:cell-1')).rejects.toThrow(
      'Module "message" declares no cells: deploy it as TURNOUT_UNIT=message.',
    );
  });

  it.skipIf(!existsSync('gateway/lambda.ts'))(
    'declares the gateway with the right to invoke every repository module',
    async () => {
      const resources = await render('gateway');
      const policy = resources.find((r) => r.type === 'aws:iam/rolePolicy:RolePolicy');
      // A cellular module's cells, each its own function.
      const units = (await loadModuleManifests(listModuleNames('modules'))).flatMap((m) =>
        (m.cells?.names ?? [undefined]).map((cell) => (cell ? cellUnitName(m.name, cell) : m.name)),
      );
      for (const unit of units) {
        expect(String(policy?.inputs.policy)).toContain(`function:turnout-${unit}:live`);
      }
      // IAM takes at most 10,240 characters of inline policy per role, spaces aside.
      expect(String(policy?.inputs.policy).replace(/\s/g, '').length).toBeLessThan(10_240);
    },
  );

  it('sets a module runtime setting from the stage variable, and refuses a stage without it', async () => {
    const resources = await render('awards');
    const fn = ofType(resources, 'aws:lambda/function:Function')[0];
    expect(fn?.inputs.environment).toMatchObject({
      variables: { TURNOUT_AWARDS_SERVICE_URL: 'https://awards.internal.example.com' },
    });
    recorder.reset();
    await expect(
      deployUnit({ unit: 'awards', stage: 'staging-us-east-1', env: { AWARDS_SERVICE_URL: '' } }),
    ).rejects.toThrow(/`AWARDS_SERVICE_URL=<value> npx sst deploy --stage staging-us-east-1`/);
  });

  describe('protects data by stage', () => {
    const regions = { TURNOUT_REGIONS: 'us-east-1,eu-west-1' };
    const protection = (tables: RecordedResource[]) =>
      tables.flatMap((t) => [
        t.inputs.deletionProtectionEnabled,
        ...((t.inputs.replicas ?? []) as { deletionProtectionEnabled: boolean }[]).map(
          (r) => r.deletionProtectionEnabled,
        ),
      ]);

    it('protects the tables and replicas of a production stage', async () => {
      const module = ofType(await render('ratings', 'prod-us-east-1'), 'aws:dynamodb/table:Table');
      const registry = ofType(
        await render('gateway', 'production-us-east-1', regions),
        'aws:dynamodb/table:Table',
      );
      expect(module.length).toBeGreaterThan(0);
      expect(new Set(protection([...module, ...registry]))).toEqual(new Set([true]));
      expect(registry[0]?.inputs.replicas).toEqual([
        { regionName: 'eu-west-1', pointInTimeRecovery: true, deletionProtectionEnabled: true },
      ]);
    }, 120_000);

    it('lets every other stage be removed, preprod included', async () => {
      for (const stage of ['staging-us-east-1', 'preprod-us-east-1']) {
        const module = ofType(await render('ratings', stage), 'aws:dynamodb/table:Table');
        const registry = ofType(
          await render('gateway', stage, regions),
          'aws:dynamodb/table:Table',
        );
        expect(new Set(protection([...module, ...registry]))).toEqual(new Set([false]));
      }
    }, 120_000);
  });

  it('names every unit under a second environment prefix, as the pipeline and the registry name them', async () => {
    const extra = { TURNOUT_RESOURCE_PREFIX: 'turnoutstg' };
    const manifests = await loadModuleManifests(ready);
    // The pipeline of that environment: the stacks' variable gives its prefix.
    const names = pipelineNames(
      definePipeline({ stages: [{ name: 'staging', regions: [] }] }),
      extra,
    );
    const target = { name: 'staging-us-east-1', resourcePrefix: names.resourcePrefix };
    const pipelineFunction = (module: string) =>
      createModuleAt({} as RecordingContext, target as DeployTarget, module, 'AllAtOnce').ref
        .functionName;

    const gateway = await render('gateway', 'staging-us-east-1', extra);
    const registry = ofType(gateway, 'aws:dynamodb/table:Table')[0];
    const gatewayFn = ofType(gateway, 'aws:lambda/function:Function')[0];
    expect(registry?.inputs.name).toBe('turnoutstg-registry');
    expect(names.registryTable).toBe(registry?.inputs.name);
    expect(gatewayFn?.inputs.environment).toMatchObject({
      variables: { TURNOUT_REGISTRY_TABLE: names.registryTable },
    });
    const invokable = statements(gateway)
      .filter((s) => s.Action.includes('lambda:InvokeFunction'))
      .flatMap((s) => s.Resource);
    expect(invokable.some((arn) => arn.endsWith(':*'))).toBe(false);

    // A cellular module's units are its cells: the registry's cell map names their functions.
    const units = manifests.flatMap((manifest) =>
      (manifest.cells?.names ?? [undefined]).map((cell) => ({ manifest, cell })),
    );
    for (const { manifest, cell } of units) {
      const unit = cell ? cellUnitName(manifest.name, cell) : manifest.name;
      const resources = await render(
        cell ? `${manifest.name}:${cell}` : unit,
        'staging-us-east-1',
        extra,
      );
      const declared = String(ofType(resources, 'aws:lambda/function:Function')[0]?.inputs.name);
      const registered = cell
        ? (
            nextCellMaps(manifest, undefined, names.resourcePrefix).cells?.[manifest.name]?.cells ??
            []
          )
            .filter((entry) => entry.name === cell)
            .map((entry) => entry.functionName)
        : [
            ...nextSubgraphs(manifest, undefined, names.resourcePrefix),
            ...nextRoutes(manifest, undefined, names.resourcePrefix),
          ].map((entry) => entry.functionName);
      expect(declared).toBe(`turnoutstg-${unit}`);
      expect(pipelineFunction(unit)).toBe(declared);
      expect(new Set(registered)).toEqual(new Set([declared]));
      expect(invokable).toContain(
        `arn:aws:lambda:us-east-1:123456789012:function:${declared}:live`,
      );
      const named = resources
        .map((r) => r.inputs.name)
        .filter((name): name is string => typeof name === 'string' && name.includes('-'));
      for (const name of named)
        expect(name).toMatch(/^(turnoutstg-|\/aws\/(lambda|apigateway)\/turnoutstg-)/);
    }
  }, 180_000);

  it("gives a REST module's API the stage's token issuer as a JWT authorizer", async () => {
    const resources = await render('message', 'staging-us-east-1', {
      TURNOUT_AUTH_ISSUER: 'https://auth.example.com/',
      TURNOUT_AUTH_AUDIENCE: 'turnout-api',
      TURNOUT_AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
    });
    const [authorizer] = ofType(resources, 'aws:apigatewayv2/authorizer:Authorizer');
    expect(authorizer?.inputs.jwtConfiguration).toEqual({
      issuer: 'https://auth.example.com/',
      audiences: ['turnout-api'],
    });
  });

  it('refuses a stage that names no Region before declaring anything', async () => {
    await expect(deployUnit({ unit: 'gateway', stage: 'production', env })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_STAGE' }),
    );
  });
});
