/**
 * What a graphlet may require of callers, in the shapes of the federation directives of
 * the same names: `@authenticated` (a verified caller) and
 * `@requiresScopes(scopes: [["a", "b"], ["c"]])` (a and b, or c). On a field they guard
 * the field; on a type, every field that returns it. The kit defines them for modules,
 * publish checks them, and the gateway enforces them before it invokes any module
 * (docs/ARCHITECTURE.md, contract 8).
 */
export const ACCESS_DIRECTIVES_SDL = `
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
`;

export const ACCESS_DIRECTIVE_NAMES: readonly string[] = ['authenticated', 'requiresScopes'];
