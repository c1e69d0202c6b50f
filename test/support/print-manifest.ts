/**
 * Prints one module's manifest as JSON: `node bin/run-ts.js test/support/print-manifest.ts
 * <modules dir> <name>`. A test process imports each manifest once (ES modules are
 * cached), so a harness that rewrites a module's schema between releases reads the
 * manifest again through a process of its own, as each `turnout deploy` does.
 */
import { loadModule } from '../../control-plane/module-catalog/index.ts';

const [modulesDirectory, name] = process.argv.slice(2);
if (!modulesDirectory || !name) {
  console.error('usage: print-manifest.ts <modules directory> <module name>');
  process.exit(2);
}
const { manifest } = await loadModule(modulesDirectory, name);
process.stdout.write(JSON.stringify(manifest));
