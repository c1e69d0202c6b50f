import type {
  ASTVisitor,
  FragmentDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import type { TokenLimit } from '../../lib/create-document-preparer.ts';
import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule } from './graphql-js.ts';

/** How big a document the gateway accepts (`limits` of `createGateway`). */
export interface DocumentLimits {
  /** @default 12 */
  maxDepth: number;
  /** @default 30 */
  maxAliases: number;
  /** @default 2000 */
  maxTokens: number;
}

/**
 * The rules the gateway runs after graphql-js's own: the depth and alias limits, and no
 * introspection unless it is on.
 *
 * @example
 * createDocumentPreparer({ schema, rules: gatewayValidationRules(limits, false), ... });
 */
export function gatewayValidationRules(
  limits: DocumentLimits,
  introspection: boolean,
): ValidationRule[] {
  return [
    depthLimitRule(limits.maxDepth, introspection),
    aliasLimitRule(limits.maxAliases),
    ...(introspection ? [] : [noIntrospectionRule]),
  ];
}

/**
 * The lexer's token limit, with a message that names the gateway option: a huge
 * document is refused before a tree is built for it.
 */
export function gatewayTokenLimit(maxTokens: number): TokenLimit {
  return {
    maxTokens,
    message: `The query has more than ${maxTokens} tokens; this gateway allows at most ${maxTokens} (limits.maxTokens).`,
  };
}

/**
 * Rejects operations nested deeper than `maxDepth` fields (fragments followed), so one
 * request cannot fan out without bound through the modules. `ignoreIntrospection` (set
 * where introspection is on) leaves `__schema` and `__type` out of the count.
 *
 * @example
 * validate(schema, document, [...specifiedRules, depthLimitRule(12)]);
 */
export function depthLimitRule(maxDepth: number, ignoreIntrospection = false): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const depth = selectionDepth(
          operation.selectionSet,
          fragments,
          new Set(),
          ignoreIntrospection,
        );
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(
              `The query is ${depth} levels deep; this gateway allows at most ${maxDepth} (limits.maxDepth).`,
              { nodes: [operation], extensions: { code: 'DEPTH_LIMIT_EXCEEDED' } },
            ),
          );
        }
      },
    };
  };
}

/**
 * Where introspection is on, its fields do not count: the standard introspection query
 * (GraphiQL's, every client generator's) nests `ofType` to 15 levels, and its size is
 * bounded by the schema, not by the client (graphql-armor's max-depth ignores it too).
 */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

function selectionDepth(
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
  ignoreIntrospection: boolean,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (ignoreIntrospection && INTROSPECTION_ROOTS.has(selection.name.value)) continue;
      depth = selection.selectionSet
        ? 1 + selectionDepth(selection.selectionSet, fragments, visiting, ignoreIntrospection)
        : 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(selection.selectionSet, fragments, visiting, ignoreIntrospection);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A fragment cycle is reported by graphql's own NoFragmentCycles rule.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      depth = selectionDepth(fragment.selectionSet, fragments, visiting, ignoreIntrospection);
      visiting.delete(name);
    }
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * Rejects documents with more than `maxAliases` aliased fields: aliases are how one
 * small query asks for the same expensive field a thousand times.
 */
export function aliasLimitRule(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias) aliases += 1;
      },
      Document: {
        leave(document) {
          if (aliases <= maxAliases) return;
          context.reportError(
            new GraphQLError(
              `The query uses ${aliases} aliases; this gateway allows at most ${maxAliases} (limits.maxAliases).`,
              { nodes: [document], extensions: { code: 'ALIAS_LIMIT_EXCEEDED' } },
            ),
          );
        },
      },
    };
  };
}

/** graphql's NoSchemaIntrospection rule, with a message that names the gateway option. */
export function noIntrospectionRule(context: ValidationContext): ASTVisitor {
  // The rule's own context, but with our message: it reads the schema through the prototype.
  const renamed = Object.create(context, {
    reportError: {
      value: (error: GraphQLError) =>
        context.reportError(
          new GraphQLError(
            'Introspection is disabled on this gateway (option `introspection: false`; it is on in dev mode).',
            { nodes: error.nodes, extensions: { code: 'INTROSPECTION_DISABLED' } },
          ),
        ),
    },
  }) as ValidationContext;
  return NoSchemaIntrospectionCustomRule(renamed);
}

/** The codes of rejections that answer 400 whatever the response media type. */
export const LIMIT_ERROR_CODES: ReadonlySet<string> = new Set([
  'DEPTH_LIMIT_EXCEEDED',
  'ALIAS_LIMIT_EXCEEDED',
  'TOKEN_LIMIT_EXCEEDED',
  'INTROSPECTION_DISABLED',
]);
