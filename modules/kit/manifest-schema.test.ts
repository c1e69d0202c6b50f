import { describe, expect, it } from 'vitest';
import { defineModule } from './define-module.ts';
import { ManifestError } from './errors.ts';

const base = { name: 'gatepass', owner: 'team-gatepass', tier: 'critical' } as const;

function problemsOf(access: unknown[]): string[] {
  try {
    defineModule({ ...base, rest: { prefixes: ['/gatepass'], access } } as never);
    return [];
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

describe('rest.access in a manifest', () => {
  it('takes rules by path and method that require a caller or scopes', () => {
    const manifest = defineModule({
      ...base,
      rest: {
        prefixes: ['/gatepass'],
        access: [
          { path: '/gatepass', authenticated: true },
          { path: '/gatepass', methods: ['POST'], scopes: [['gatepass:write'], ['dispatch']] },
          { path: '/gatepass/:passId/check', methods: ['POST'], scopes: [['gatepass:check']] },
        ],
      },
    });
    expect(manifest.rest?.access).toHaveLength(3);
  });

  it('defaults to no rules', () => {
    expect(defineModule({ ...base, rest: { prefixes: ['/gatepass'] } }).rest?.access).toEqual([]);
  });

  it('refuses a rule for a path the module does not serve, naming its prefixes', () => {
    expect(problemsOf([{ path: '/gatepasses', authenticated: true }])).toEqual([
      'rest.access.0.path: "/gatepasses" is under none of the module\'s prefixes (/gatepass): a rule guards paths the module serves',
    ]);
  });

  it('refuses a rule that says nothing, or both things', () => {
    const [none] = problemsOf([{ path: '/gatepass' }]);
    expect(none).toContain('say what the rule requires');
    const [both] = problemsOf([{ path: '/gatepass', authenticated: true, scopes: [['a']] }]);
    expect(both).toContain('not both');
  });

  it('refuses empty scope sets and scopes with spaces', () => {
    expect(problemsOf([{ path: '/gatepass', scopes: [] }])[0]).toContain('at least one scope set');
    expect(problemsOf([{ path: '/gatepass', scopes: [[]] }])[0]).toContain('at least one scope');
    expect(problemsOf([{ path: '/gatepass', scopes: [['a b']] }])[0]).toContain('one word');
  });

  it('refuses two rules for the same path and method', () => {
    const problems = problemsOf([
      { path: '/gatepass/:id', methods: ['GET'], authenticated: true },
      { path: '/gatepass/:passId', methods: ['GET', 'POST'], scopes: [['x']] },
    ]);
    expect(problems).toEqual([
      'rest.access.1: a second rule for GET on /gatepass/:passId: keep one rule per path and method',
    ]);
  });
});

describe('a manifest with a mistake', () => {
  it("names the field and the fix in plain words, not zod's", () => {
    const wrong = {
      name: 'reviews',
      tier: 'medium',
      tables: { reviews: { partitionKey: {} } },
      tabels: {},
    };
    let message = '';
    try {
      defineModule(wrong as never);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      message = error.message;
    }
    expect(message).toContain('The manifest of module "reviews" is invalid');
    expect(message).toContain('owner: missing: give a string');
    expect(message).toContain('tables.reviews.partitionKey.name: missing: give a string');
    expect(message).toContain('"tabels" is not a field here: remove it, or check the spelling');
    expect(message).not.toMatch(/Invalid input|expected string, received/);
  });
});
