import { describe, expect, it } from 'vitest';
import { DEFAULT_DEPLOYMENTS_TABLE } from '../../contracts/deployment-record.ts';
import { DEFAULT_REGISTRY_TABLE } from '../../contracts/registry.ts';
import {
  deadLetterQueueName,
  deploymentsTableName,
  functionName,
  queueName,
  registryTableName,
  roleName,
  tableName,
} from './resource-names.ts';

describe('resource names', () => {
  it('puts the prefix first in every name, from one rule', () => {
    const prefix = 'turnoutstg';
    expect([
      functionName('ratings', prefix),
      roleName('ratings', 'eu-west-1', prefix),
      tableName('ratings', 'votes', prefix),
      queueName('ratings', 'recount', true, prefix),
      deadLetterQueueName('ratings', 'recount', false, prefix),
      registryTableName(prefix),
      deploymentsTableName(prefix),
    ]).toEqual([
      'turnoutstg-ratings',
      'turnoutstg-ratings-eu-west-1',
      'turnoutstg-ratings-votes',
      'turnoutstg-ratings-recount.fifo',
      'turnoutstg-ratings-recount-dlq',
      'turnoutstg-registry',
      'turnoutstg-deployments',
    ]);
  });

  it("names the contracts' default tables under the default prefix", () => {
    expect(registryTableName()).toBe(DEFAULT_REGISTRY_TABLE);
    expect(deploymentsTableName()).toBe(DEFAULT_DEPLOYMENTS_TABLE);
  });
});
