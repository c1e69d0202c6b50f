import type { FieldNode, ValueNode } from 'graphql';
import { Kind } from '../graphql/graphql-js.ts';
import type { CellChoice, CellRouter } from './compile-cell-router.ts';

/** The cell one invoke's root fields go to, read from the request's variables. */
export type GraphqlCellRoute = (variables: Record<string, unknown> | undefined) => CellChoice;

/** Where one root field carries its key: a literal folded at compile time, or a variable. */
type KeySource =
  | { choice: CellChoice; variable?: undefined; refusal?: undefined }
  | { choice?: undefined; variable: string; refusal: string };

/**
 * Compiles where a cellular module's GraphQL root fields carry their partition key, once
 * per plan (or delegated document): each field's declared argument
 * (`cells.key.graphql`), a literal in the document decided here, a variable read per
 * request. Every field one invoke carries must map to the same cell; a field without its
 * key goes to the module's default cell, else is refused with a message that names the
 * field and its argument. Costs a request one variable read and one hash per keyed field.
 *
 * @example
 * const route = compileGraphqlCellRoute(router, 'Query', fields);
 * route({ facility: 'DFW7' }); // { target: { cell: 'cell-2', functionName: 'turnout-depot-cell-2' } }
 */
export function compileGraphqlCellRoute(
  router: CellRouter,
  rootType: 'Query' | 'Mutation',
  fields: readonly FieldNode[],
): GraphqlCellRoute {
  const sources = fields
    .filter((field) => field.name.value !== '__typename')
    .map((field) => keySource(router, rootType, field));
  const only = sources[0];
  if (sources.length === 1 && only) {
    if (only.choice) return () => only.choice;
    const { variable, refusal } = only;
    return (variables) => router.routeKey(keyOf(variables?.[variable]), refusal);
  }
  const names = [...new Set(fields.map((field) => `${rootType}.${field.name.value}`))].join(', ');
  return (variables) => {
    let chosen: CellChoice | undefined;
    for (const source of sources) {
      const choice =
        source.choice ?? router.routeKey(keyOf(variables?.[source.variable]), source.refusal);
      if (choice.refusal !== undefined) return choice;
      if (chosen && chosen.target !== choice.target) return split(router.module, names);
      chosen = choice;
    }
    return chosen ?? router.routeKey(undefined, noFields(router.module));
  };
}

function keySource(router: CellRouter, rootType: string, field: FieldNode): KeySource {
  const coordinate = `${rootType}.${field.name.value}`;
  const argument = router.graphqlKeys.get(coordinate);
  if (argument === undefined) {
    return {
      choice: router.routeKey(
        undefined,
        `${coordinate} carries no cell key: module "${router.module}" is cut into cells and declares no key argument for this field (cells.key.graphql) and no default cell.`,
      ),
    };
  }
  const refusal = `${coordinate} needs its "${argument}" argument: module "${router.module}" is cut into cells by it, and a request without it has no cell.`;
  const value = field.arguments?.find((arg) => arg.name.value === argument)?.value;
  if (value?.kind === Kind.VARIABLE) return { variable: value.name.value, refusal };
  return { choice: router.routeKey(literalKey(value), refusal) };
}

/** A key written into the document: a string, an ID or a number, as its text. */
function literalKey(value: ValueNode | undefined): string | undefined {
  if (value?.kind === Kind.STRING || value?.kind === Kind.INT || value?.kind === Kind.ENUM)
    return value.value;
  return undefined;
}

/** A key sent in a variable: an ID may come as a string or a number. */
function keyOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function split(module: string, names: string): CellChoice {
  return {
    refusal: `Fields of ${names} map to different cells of module "${module}": ask for each cell's keys in an operation of its own.`,
  };
}

function noFields(module: string): string {
  return `This operation names no field that carries a cell key of module "${module}".`;
}
