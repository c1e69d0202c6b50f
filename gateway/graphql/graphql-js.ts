/**
 * The parts of graphql-js the gateway runs, each imported from its own file. The
 * package's index loads all of graphql-js (subscriptions, schema printing and
 * comparison, introspection queries, ...), which a bundled gateway would compile and
 * evaluate at every cold start. Types still come from `graphql` (erased at build);
 * graphql-tools, loaded only when something is stitched, imports the index, which
 * requires these same files, so there is one graphql-js either way.
 *
 * @example
 * import { parse, validate } from './graphql-js.ts';
 */
export { GraphQLError } from 'graphql/error/GraphQLError.js';
export { locatedError } from 'graphql/error/locatedError.js';
export { execute } from 'graphql/execution/execute.js';
export { getVariableValues } from 'graphql/execution/values.js';
export { Kind } from 'graphql/language/kinds.js';
export { parse } from 'graphql/language/parser.js';
export { print } from 'graphql/language/printer.js';
export { visit } from 'graphql/language/visitor.js';
export {
  getNamedType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql/type/definition.js';
export { buildASTSchema } from 'graphql/utilities/buildASTSchema.js';
export { getOperationAST } from 'graphql/utilities/getOperationAST.js';
export { stripIgnoredCharacters } from 'graphql/utilities/stripIgnoredCharacters.js';
export { TypeInfo, visitWithTypeInfo } from 'graphql/utilities/TypeInfo.js';
export { NoSchemaIntrospectionCustomRule } from 'graphql/validation/rules/custom/NoSchemaIntrospectionCustomRule.js';
export { specifiedRules } from 'graphql/validation/specifiedRules.js';
export { validate } from 'graphql/validation/validate.js';
