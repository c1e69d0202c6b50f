import type { Plugin } from 'esbuild';

const RESOLVING = Symbol('resolving graphql');

/**
 * An esbuild plugin that sends every import of graphql, the bare one and the deep ones
 * (`graphql/language/parser.js`, as graphql-tools and our document preparer write them),
 * to graphql's ES module files (`.mjs`). With `BUNDLE_MAIN_FIELDS` the bare import takes
 * graphql's `module` entry (`index.mjs`) while a deep `.js` import resolves to its
 * CommonJS twin: two copies of graphql in one bundle, which graphql refuses ("Cannot use
 * GraphQLSchema from another module or realm"). esbuild's `alias` cannot say this: it
 * rewrites a prefix, subpaths included, to one path.
 */
export const graphqlAsEsModule: Plugin = {
  name: 'graphql-as-es-module',
  setup(build) {
    build.onResolve({ filter: /^graphql(\/.*)?$/ }, async (args) => {
      if (args.pluginData === RESOLVING) return undefined;
      const subpath = args.path.slice('graphql'.length);
      const target = subpath ? `graphql${subpath.replace(/\.m?js$/, '')}.mjs` : 'graphql/index.mjs';
      const found = await build.resolve(target, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: RESOLVING,
      });
      return found.errors.length > 0 ? { errors: found.errors } : { path: found.path };
    });
  },
};
