/// <reference path="./.sst/platform/config.d.ts" />

/**
 * One SST app per unit, one stage per environment and Region:
 *
 *   TURNOUT_UNIT=ratings npx sst deploy --stage prod-us-east-1
 *
 * TURNOUT_UNIT names a module (a folder modules/<name>/ whose module.ts default-exports
 * its manifest) or `gateway`. The stacks live in stacks/ (see its README).
 */
export default $config({
  async app(input) {
    const { createAppSettings } = await import('./stacks/index.ts');
    return createAppSettings({
      unit: process.env.TURNOUT_UNIT,
      stage: input.stage,
      env: process.env,
    });
  },
  async run() {
    const { deployUnit } = await import('./stacks/index.ts');
    return deployUnit({ unit: process.env.TURNOUT_UNIT, stage: $app.stage, env: process.env });
  },
});
