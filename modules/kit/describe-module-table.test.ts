import { describe, expect, it } from 'vitest';
import { defineModule } from './define-module.ts';
import { describeModuleTable } from './describe-module-table.ts';
import type { TableManifest } from './manifest-schema.ts';

const { tables } = defineModule({
  name: 'ratings',
  owner: 'team-ratings',
  tier: 'medium',
  graphql: { sdl: 'type Query { ok: Boolean }' },
  tables: {
    votes: {
      partitionKey: { name: 'pk' },
      sortKey: { name: 'sk' },
      indexes: {
        byTitle: { partitionKey: { name: 'titleId' }, sortKey: { name: 'at', type: 'N' } },
        byVoter: { partitionKey: { name: 'pk' } },
      },
      ttlAttribute: 'expiresAt',
      stream: 'NEW_IMAGE',
      replicaRegions: ['eu-west-1'],
    },
    counts: { partitionKey: { name: 'titleId' } },
  },
});

describe('describeModuleTable', () => {
  it('derives keys, indexes, TTL and stream, declaring each key attribute once', () => {
    expect(describeModuleTable('ratings', 'votes', tables.votes as TableManifest, 'acme')).toEqual({
      name: 'acme-ratings-votes',
      billingMode: 'PAY_PER_REQUEST',
      attributes: [
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
        { name: 'titleId', type: 'S' },
        { name: 'at', type: 'N' },
      ],
      keySchema: [
        { attributeName: 'pk', keyType: 'HASH' },
        { attributeName: 'sk', keyType: 'RANGE' },
      ],
      indexes: [
        {
          name: 'byTitle',
          keySchema: [
            { attributeName: 'titleId', keyType: 'HASH' },
            { attributeName: 'at', keyType: 'RANGE' },
          ],
          projection: 'ALL',
        },
        {
          name: 'byVoter',
          keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
          projection: 'ALL',
        },
      ],
      ttlAttribute: 'expiresAt',
      stream: 'NEW_IMAGE',
    });
  });

  it('gives a table with a partition key alone no sort key, index, TTL or stream', () => {
    expect(describeModuleTable('ratings', 'counts', tables.counts as TableManifest)).toEqual({
      name: 'turnout-ratings-counts',
      billingMode: 'PAY_PER_REQUEST',
      attributes: [{ name: 'titleId', type: 'S' }],
      keySchema: [{ attributeName: 'titleId', keyType: 'HASH' }],
      indexes: [],
      ttlAttribute: undefined,
      stream: undefined,
    });
  });
});
