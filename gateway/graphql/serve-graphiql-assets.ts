import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { GatewayResponse } from '../types.ts';
import { GRAPHIQL_ASSETS_PATH } from './render-graphiql.ts';

/** The files the GraphiQL page loads: a fixed list, so a request can name no other file. */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': {
    pkg: 'react-dom',
    file: 'umd/react-dom.production.min.js',
    type: 'text/javascript',
  },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

const read = new Map<string, Promise<string>>();

/**
 * Answers a request for one of GraphiQL's files from its installed npm package: the
 * local gateway server's dev mode serves them (the gateway's Lambda bundle carries no
 * node_modules, and serves no GraphiQL). Undefined for any other path.
 */
export async function serveGraphiQLAsset(path: string): Promise<GatewayResponse | undefined> {
  if (!path.startsWith(GRAPHIQL_ASSETS_PATH)) return undefined;
  const asset = ASSETS[path.slice(GRAPHIQL_ASSETS_PATH.length)];
  if (!asset) return undefined;
  const file = join(
    dirname(createRequire(import.meta.url).resolve(`${asset.pkg}/package.json`)),
    asset.file,
  );
  let body = read.get(file);
  if (!body) {
    body = readFile(file, 'utf8');
    read.set(file, body);
  }
  return {
    statusCode: 200,
    headers: { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'max-age=3600' },
    body: await body,
  };
}
