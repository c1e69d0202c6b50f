import { existsSync } from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deployUnit } from './deploy-unit.ts';
import { listModuleNames } from './list-module-names.ts';
import { type PulumiRecorder, usePulumiMocks } from './pulumi-test-mocks.ts';

let recorder: PulumiRecorder;

beforeAll(async () => {
  recorder = await usePulumiMocks('us-east-1');
});
beforeEach(() => recorder.reset());

const env = { TURNOUT_DOMAIN: 'api.example.com', TURNOUT_HOSTED_ZONE: 'example.com' };
// A module still being written has no handler yet; the others must deploy as they are.
const ready = listModuleNames('modules').filter((name) => existsSync(`modules/${name}/handler.ts`));

describe('deployUnit', () => {
  it.each(ready)(
    'declares the stack of the repository module "%s" with its live alias',
    async (unit) => {
      await deployUnit({
        unit,
        stage: 'prod-us-east-1',
        env,
        opts: { transformations: recorder.transformations },
      });
      const resources = await recorder.settle();
      const alias = resources.find((r) => r.type === 'aws:lambda/alias:Alias');
      expect(alias?.inputs).toMatchObject({ name: 'live', functionName: `turnout-${unit}` });
    },
  );

  it.skipIf(!existsSync('gateway/lambda.ts'))(
    'declares the gateway with the right to invoke every repository module',
    async () => {
      await deployUnit({
        unit: 'gateway',
        stage: 'prod-us-east-1',
        env,
        opts: { transformations: recorder.transformations },
      });
      const resources = await recorder.settle();
      const policy = resources.find((r) => r.type === 'aws:iam/rolePolicy:RolePolicy');
      for (const module of listModuleNames('modules')) {
        expect(String(policy?.inputs.policy)).toContain(`function:turnout-${module}:live`);
      }
    },
  );

  it('refuses a stage that names no Region before declaring anything', async () => {
    await expect(deployUnit({ unit: 'gateway', stage: 'production', env })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_STAGE' }),
    );
  });
});
