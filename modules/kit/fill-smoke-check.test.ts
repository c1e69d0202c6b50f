import { describe, expect, it } from 'vitest';
import { defineModule } from './define-module.ts';
import { ManifestError } from './errors.ts';
import { fillSmokeCheck } from './fill-smoke-check.ts';
import type { ModuleManifestInput } from './manifest-schema.ts';

const loads = (smokeChecks: ModuleManifestInput['smokeChecks']) =>
  defineModule({
    name: 'loads',
    owner: 'team-relay-loads',
    tier: 'high',
    rest: { prefixes: ['/loads'] },
    smokeChecks,
  });

const values = { uuid: '0b7c5e1e-7d4a-4f7e-9a51-3f1f8c2d9e10' };

describe('fillSmokeCheck', () => {
  it("puts the run's value in a REST check's path and in every string of its body", () => {
    const [create, read] = loads([
      {
        name: 'creates a load',
        rest: {
          method: 'POST',
          path: '/loads?ref={{uuid}}',
          body: { loadId: 'smoke-{{uuid}}', stops: [{ note: '{{uuid}}/{{uuid}}', at: 1 }] },
          expectStatus: 201,
        },
      },
      { name: 'reads it back', rest: { path: '/loads/smoke-{{uuid}}' } },
    ]).smokeChecks.map((check) => fillSmokeCheck(check, values));
    expect(create).toEqual({
      name: 'creates a load',
      rest: {
        method: 'POST',
        path: `/loads?ref=${values.uuid}`,
        body: {
          loadId: `smoke-${values.uuid}`,
          stops: [{ note: `${values.uuid}/${values.uuid}`, at: 1 }],
        },
        expectStatus: 201,
      },
    });
    expect(read).toMatchObject({ rest: { method: 'GET', path: `/loads/smoke-${values.uuid}` } });
  });

  it("puts the run's value in a GraphQL check's query and variables", () => {
    const [check] = loads([
      {
        name: 'reads a load',
        graphql: { query: '{ load(id: "{{uuid}}") { id } }', variables: { ids: ['{{uuid}}'] } },
      },
    ]).smokeChecks;
    expect(check && fillSmokeCheck(check, values)).toEqual({
      name: 'reads a load',
      graphql: {
        query: `{ load(id: "${values.uuid}") { id } }`,
        variables: { ids: [values.uuid] },
      },
    });
  });

  it("puts the run's value in the data a check expects back", () => {
    const [check] = loads([
      {
        name: 'reads it back',
        rest: { path: '/loads/smoke-{{uuid}}' },
        expect: { data: { loadId: 'smoke-{{uuid}}' }, shape: { stops: [] } },
      },
    ]).smokeChecks;
    expect(check && fillSmokeCheck(check, values).expect).toEqual({
      data: { loadId: `smoke-${values.uuid}` },
      shape: { stops: [] },
    });
  });

  it('leaves a check without placeholders as it is', () => {
    const [check] = loads([
      { name: 'answers 404', rest: { path: '/loads/x', expectStatus: 404 } },
    ]).smokeChecks;
    expect(check && fillSmokeCheck(check, values)).toEqual(check);
  });
});

describe('the smoke-check schema', () => {
  it('refuses a placeholder it does not know, naming the ones it does', () => {
    const define = () => loads([{ name: 'typo', rest: { path: '/loads/{{uid}}' } }]);
    expect(define).toThrow(ManifestError);
    expect(define).toThrow(/smokeChecks\.0: unknown placeholder \{\{uid\}\}: use \{\{uuid\}\}/);
  });

  it('refuses a placeholder it does not know in the data a check expects', () => {
    const define = () =>
      loads([{ name: 'typo', rest: { path: '/loads/x' }, expect: { data: { id: '{{uid}}' } } }]);
    expect(define).toThrow(/unknown placeholder \{\{uid\}\}/);
  });

  it('refuses a shape that names no kind of value, or two item shapes for one list', () => {
    const shaped = (shape: unknown) => () =>
      loads([{ name: 'shaped', rest: { path: '/loads/x' }, expect: { shape: shape as 'string' } }]);
    expect(shaped({ id: 'text' })).toThrow(
      /smokeChecks\.0: expect\.shape\.id: "text" is no shape: use 'string'/,
    );
    expect(shaped({ stops: ['string', 'number'] })).toThrow(
      /expect\.shape\.stops: a list shape names one item shape/,
    );
    expect(shaped({ id: 'string?', stops: [{ at: 'number' }], extra: 'any' })).not.toThrow();
  });
});
