import { describe, expect, it } from 'vitest';
import { defineModule } from './define-module.ts';
import { resolveRuntimeEnvironment } from './resolve-runtime-environment.ts';

const awards = defineModule({
  name: 'awards',
  owner: 'team-awards',
  tier: 'low',
  graphql: { sdl: 'type Query { a: Int }' },
  runtime: {
    environment: {
      TURNOUT_AWARDS_SERVICE_URL: {
        description: 'the base URL of the awards service',
        fromStage: 'AWARDS_SERVICE_URL',
      },
      TURNOUT_AWARDS_TIMEOUT_MS: { description: 'how long a call may take', default: '2000' },
    },
  },
});

describe('resolveRuntimeEnvironment', () => {
  it("takes each value from the stage's variable, else the default", () => {
    const settings = { AWARDS_SERVICE_URL: 'https://awards.internal', OTHER: 'not asked for' };
    expect(resolveRuntimeEnvironment(awards, { name: 'prod-us-east-1', settings })).toEqual({
      TURNOUT_AWARDS_SERVICE_URL: 'https://awards.internal',
      TURNOUT_AWARDS_TIMEOUT_MS: '2000',
    });
    expect(
      resolveRuntimeEnvironment(awards, {
        name: 'local',
        settings: { AWARDS_SERVICE_URL: 'http://127.0.0.1:1', TURNOUT_AWARDS_TIMEOUT_MS: '50' },
      }),
    ).toEqual({
      TURNOUT_AWARDS_SERVICE_URL: 'http://127.0.0.1:1',
      TURNOUT_AWARDS_TIMEOUT_MS: '50',
    });
  });

  it('refuses a stage that provides no value, saying where to set it', () => {
    expect(() =>
      resolveRuntimeEnvironment(awards, { name: 'staging-us-east-1', settings: {} }),
    ).toThrow(
      expect.objectContaining({
        code: 'RUNTIME_SETTING_MISSING',
        missing: ['TURNOUT_AWARDS_SERVICE_URL'],
        message: expect.stringContaining(
          '`AWARDS_SERVICE_URL=<value> npx sst deploy --stage staging-us-east-1`',
        ),
      }),
    );
  });

  it('refuses a manifest that declares a reserved or badly written name', () => {
    const declare = (name: string) =>
      defineModule({
        name: 'demo',
        owner: 'team-x',
        tier: 'low',
        rest: { prefixes: ['/demo'] },
        runtime: { environment: { [name]: { description: 'x' } } },
      });
    for (const name of ['AWS_REGION', 'TURNOUT_TABLE_VOTES', 'NODE_OPTIONS', 'awardsUrl']) {
      expect(() => declare(name)).toThrow(/runtime\.environment/);
    }
  });
});
