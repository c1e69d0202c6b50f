import { describe, expect, it } from 'vitest';
import { createAlias, deleteAlias, listAliases, updateAlias } from './aliases.ts';
import {
  InvalidParameterValueError,
  PreconditionFailedError,
  ResourceConflictError,
  ResourceNotFoundError,
} from './errors.ts';
import type { FunctionRecord, FunctionVersion } from './types.ts';

function functionWithVersions(...numbers: string[]): FunctionRecord {
  const version = {} as FunctionVersion;
  return {
    name: 'orders',
    arn: 'arn:aws:lambda:us-east-1:000000000000:function:orders',
    latest: version,
    versions: new Map(numbers.map((n) => [n, version])),
    aliases: new Map(),
    lastVersionNumber: numbers.length,
    reservedConcurrency: undefined,
  };
}

const weighted = (weights: Record<string, number>) => ({ AdditionalVersionWeights: weights });

describe('aliases', () => {
  it('creates an alias that splits traffic between two published versions', () => {
    const fn = functionWithVersions('1', '2');
    const alias = createAlias(fn, {
      Name: 'live',
      FunctionVersion: '1',
      RoutingConfig: weighted({ '2': 0.25 }),
    });
    expect(alias).toMatchObject({ AliasArn: `${fn.arn}:live`, FunctionVersion: '1' });
    expect(listAliases(fn, '2')).toEqual([alias]);
  });

  it('lets an alias point at $LATEST alone but not in a weighted pair', () => {
    const fn = functionWithVersions('1');
    expect(createAlias(fn, { Name: 'dev', FunctionVersion: '$LATEST' }).FunctionVersion).toBe(
      '$LATEST',
    );
    expect(() =>
      createAlias(fn, {
        Name: 'bad',
        FunctionVersion: '$LATEST',
        RoutingConfig: weighted({ '1': 0.5 }),
      }),
    ).toThrow(InvalidParameterValueError);
  });

  it.each([
    ['a weight above 1', { '2': 1.01 }],
    ['a weight below 0', { '2': -0.5 }],
    ['two additional versions', { '2': 0.1, '3': 0.1 }],
    ['$LATEST as a weight key', { $LATEST: 0.1 }],
    ['the primary version as a weight key', { '1': 0.1 }],
  ])('rejects %s and keeps the alias as it was', (_, weights) => {
    const fn = functionWithVersions('1', '2', '3');
    const before = createAlias(fn, { Name: 'live', FunctionVersion: '1' });
    expect(() => updateAlias(fn, 'live', { RoutingConfig: weighted(weights) })).toThrow(
      InvalidParameterValueError,
    );
    expect(fn.aliases.get('live')).toBe(before);
  });

  it('rejects an unknown version with ResourceNotFoundError', () => {
    const fn = functionWithVersions('1');
    expect(() => createAlias(fn, { Name: 'live', FunctionVersion: '9' })).toThrow(
      ResourceNotFoundError,
    );
    expect(() =>
      createAlias(fn, {
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: weighted({ '9': 0.1 }),
      }),
    ).toThrow(ResourceNotFoundError);
    expect(fn.aliases.size).toBe(0);
  });

  it('rejects a second alias with the same name', () => {
    const fn = functionWithVersions('1');
    createAlias(fn, { Name: 'live', FunctionVersion: '1' });
    expect(() => createAlias(fn, { Name: 'live', FunctionVersion: '1' })).toThrow(
      ResourceConflictError,
    );
  });

  it('rejects an update carrying a stale RevisionId', () => {
    const fn = functionWithVersions('1', '2');
    const alias = createAlias(fn, { Name: 'live', FunctionVersion: '1' });
    const moved = updateAlias(fn, 'live', { FunctionVersion: '2', RevisionId: alias.RevisionId });
    expect(moved.RevisionId).not.toBe(alias.RevisionId);
    expect(() =>
      updateAlias(fn, 'live', { FunctionVersion: '1', RevisionId: alias.RevisionId }),
    ).toThrow(PreconditionFailedError);
    expect(fn.aliases.get('live')?.FunctionVersion).toBe('2');
  });

  it('keeps the routing when an update leaves it out and drops it when given empty', () => {
    const fn = functionWithVersions('1', '2', '3');
    createAlias(fn, { Name: 'live', FunctionVersion: '1', RoutingConfig: weighted({ '2': 0.1 }) });
    expect(updateAlias(fn, 'live', { Description: 'x' }).RoutingConfig).toEqual(
      weighted({ '2': 0.1 }),
    );
    expect(updateAlias(fn, 'live', { RoutingConfig: weighted({}) }).RoutingConfig).toBeUndefined();
  });

  it('deletes an alias, and an unknown one is not found', () => {
    const fn = functionWithVersions('1');
    createAlias(fn, { Name: 'live', FunctionVersion: '1' });
    deleteAlias(fn, 'live');
    expect(() => deleteAlias(fn, 'live')).toThrow(ResourceNotFoundError);
  });
});
