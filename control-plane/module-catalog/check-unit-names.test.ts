import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkUnitNames } from './check-unit-names.ts';
import { discoverModules, loadModule } from './discover-modules.ts';

const cellular = (name: string, cells: string[]) => ({
  name,
  cells: { names: cells, key: { rest: [], graphql: [] } },
});

describe('checkUnitNames', () => {
  it('refuses a cell named as another module, saying which two and what to rename', () => {
    expect(() => checkUnitNames([cellular('depot', ['cell-1']), { name: 'depot-cell-1' }])).toThrow(
      '"depot-cell-1" would name both the cell "cell-1" of module "depot" and the module "depot-cell-1": they would share one function, its tables, queues and version records. Rename one of them: a cell in cells.names of its module.ts, or the module.',
    );
  });

  it("refuses a cell named as another module's cell", () => {
    expect(() => checkUnitNames([cellular('a-b', ['c']), cellular('a', ['b-c'])])).toThrow(
      '"a-b-c" would name both the cell "c" of module "a-b" and the cell "b-c" of module "a"',
    );
  });

  it('takes modules and cells whose names all differ', () => {
    expect(() =>
      checkUnitNames([
        cellular('depot', ['cell-1', 'cell-2']),
        { name: 'loads' },
        { name: 'depot-x' },
      ]),
    ).not.toThrow();
  });
});

describe('the module catalog', () => {
  const kit = resolve(import.meta.dirname, '../../modules/kit/index.ts');
  let root = '';
  const write = async (name: string, body: string) => {
    await mkdir(join(root, name), { recursive: true });
    await writeFile(
      join(root, name, 'module.ts'),
      `import { defineModule } from ${JSON.stringify(kit)};\nexport default defineModule(${body});\n`,
    );
  };

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('refuses, when it loads, a cell whose unit name is another module', async () => {
    root = await mkdtemp(join(tmpdir(), 'turnout-catalog-'));
    await write(
      'depot',
      `{ name: 'depot', owner: 't', tier: 'low', rest: { prefixes: ['/depot'] },
         cells: { names: ['cell-1'], key: { rest: [{ path: '/depot', header: 'x-facility-id' }] } } }`,
    );
    await write(
      'depot-cell-1',
      `{ name: 'depot-cell-1', owner: 't', tier: 'low', rest: { prefixes: ['/other'] } }`,
    );
    const collision =
      '"depot-cell-1" would name both the cell "cell-1" of module "depot" and the module "depot-cell-1"';
    await expect(discoverModules(root)).rejects.toThrow(collision);
    await expect(loadModule(root, 'depot')).rejects.toThrow(collision);
  });
});
