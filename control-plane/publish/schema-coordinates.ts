import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

/**
 * Every schema coordinate a client can use: `Type.field`, `Type.field(arg:)`,
 * `Input.field` and `Enum.VALUE` (the GraphQL schema coordinates RFC's forms), built-in
 * and introspection types left out. Two versions' coordinates, compared, say which
 * operations only one of them can serve.
 *
 * @example
 * schemaCoordinates(buildSubgraphSchema(sdl)).has('Image.alt');
 */
export function schemaCoordinates(schema: GraphQLSchema): Set<string> {
  const coordinates = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        coordinates.add(`${type.name}.${field.name}`);
        for (const arg of field.args) coordinates.add(`${type.name}.${field.name}(${arg.name}:)`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()))
        coordinates.add(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) coordinates.add(`${type.name}.${value.name}`);
    }
  }
  return coordinates;
}

/** The coordinates in `a` that `b` lacks, sorted. */
export function coordinatesMissingFrom(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((c) => !b.has(c)).sort();
}
