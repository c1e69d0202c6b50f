import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidParameterValueError,
  PreconditionFailedError,
  ResourceConflictError,
  ResourceNotFoundError,
} from './errors.ts';
import { createFunctionsStore, type FunctionsStore } from './functions-store.ts';

const zip = (source: string) =>
  Buffer.from(zipSync({ 'index.mjs': strToU8(source) })).toString('base64');

let tempRoot: string;
let store: FunctionsStore;
let retired: string[];

beforeEach(async () => {
  tempRoot = await mkdtemp(join(tmpdir(), 'store-test-'));
  retired = [];
  store = createFunctionsStore({
    region: 'us-east-1',
    accountId: '123456789012',
    tempRoot,
    clock: Date,
    onRetired: (name, version) => retired.push(`${name}:${version}`),
  });
});

afterEach(() => rm(tempRoot, { recursive: true, force: true }));

const create = (name = 'orders', source = 'export const handler = () => 1;') =>
  store.createFunction({
    FunctionName: name,
    Handler: 'index.handler',
    Code: { ZipFile: zip(source) },
  });

describe('functions store', () => {
  it('creates a function with Lambda defaults and an ARN in its region and account', async () => {
    const config = await create();
    expect(config).toMatchObject({
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders',
      Version: '$LATEST',
      Timeout: 3,
      MemorySize: 128,
      Runtime: 'nodejs20.x',
    });
    expect(config.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses a second function of the same name and keeps the first', async () => {
    const first = await create();
    await expect(create('orders', 'export const handler = () => 2;')).rejects.toThrow(
      ResourceConflictError,
    );
    expect(store.getVersion('orders').config).toEqual(first);
  });

  it('publishes numbered versions and returns the last one when nothing changed', async () => {
    await create();
    expect(store.publishVersion('orders', {}).Version).toBe('1');
    expect(store.publishVersion('orders', {}).Version).toBe('1');
    await store.updateFunctionCode('orders', { ZipFile: zip('export const handler = () => 2;') });
    expect(store.publishVersion('orders', {}).Version).toBe('2');
    store.updateFunctionConfiguration('orders', { MemorySize: 256 });
    expect(store.publishVersion('orders', {}).Version).toBe('3');
  });

  it('refuses to publish over a stale CodeSha256 or RevisionId', async () => {
    await create();
    expect(() => store.publishVersion('orders', { CodeSha256: 'other' })).toThrow(
      PreconditionFailedError,
    );
    expect(() => store.publishVersion('orders', { RevisionId: 'other' })).toThrow(
      PreconditionFailedError,
    );
    expect(store.get('orders').versions.size).toBe(0);
  });

  it('retires $LATEST when its code or runtime configuration changes', async () => {
    await create();
    await store.updateFunctionCode('orders', { ZipFile: zip('export const handler = () => 3;') });
    store.updateFunctionConfiguration('orders', { Timeout: 10 });
    expect(retired).toEqual(['orders:$LATEST', 'orders:$LATEST']);
  });

  it('rejects an invalid configuration update and keeps the old one', async () => {
    const before = await create();
    expect(() => store.updateFunctionConfiguration('orders', { Timeout: 0 })).toThrow(
      InvalidParameterValueError,
    );
    expect(store.getVersion('orders').config).toEqual(before);
  });

  it('deletes one version unless an alias routes to it', async () => {
    await create();
    store.publishVersion('orders', {});
    store.get('orders').aliases.set('live', {
      AliasArn: '',
      Name: 'live',
      FunctionVersion: '1',
      Description: '',
      RevisionId: 'r',
    });
    expect(() => store.deleteFunction('orders', '1')).toThrow(ResourceConflictError);
    store.get('orders').aliases.clear();
    store.deleteFunction('orders', '1');
    expect(() => store.getVersion('orders', '1')).toThrow(ResourceNotFoundError);
  });

  it('resolves an alias name to the version it points at', async () => {
    await create();
    const v1 = store.publishVersion('orders', {});
    store.get('orders').aliases.set('live', {
      AliasArn: '',
      Name: 'live',
      FunctionVersion: '1',
      Description: '',
      RevisionId: 'r',
    });
    expect(store.getVersion('orders', 'live').config).toEqual(v1);
  });
});
