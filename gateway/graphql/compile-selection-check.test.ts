import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildContractSchema } from './build-contract-schema.ts';
import { compileSelectionCheck, formatViolation } from './compile-selection-check.ts';

const schema = buildContractSchema(`
  enum Kind { MOVIE SERIES }
  scalar Json
  type Image { url: String! width: Int! caption: String }
  type Title @key(selectionSet: "{ id }") {
    id: ID! title: String year: Int rating: Float adult: Boolean! kind: Kind
    genres: [String!]! primaryImage: Image extra: Json credits: [Credit]
  }
  type Person { name: String! }
  type Company { company: String! }
  union Credit = Person | Company
  type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
`);

/** The check of `selection` on Title, answering one line per violation. */
function checkOf(selection: string) {
  const operation = parse(`{ ${selection} }`).definitions[0] as OperationDefinitionNode;
  const check = compileSelectionCheck(schema, 'Title', [operation.selectionSet], new Map());
  return (value: unknown) => {
    const found = check(value);
    return found && formatViolation(found);
  };
}

describe('compileSelectionCheck', () => {
  it('passes an answer of the types the selection asks for', () => {
    const check = checkOf(
      '__typename id title year rating adult kind genres primaryImage { url width } extra',
    );
    const title = {
      __typename: 'Title',
      id: 'tt1',
      title: 'Heat',
      year: 1995,
      rating: 8.3,
      adult: false,
      kind: 'MOVIE',
      genres: ['Crime'],
      primaryImage: { url: 'u', width: 10 },
      extra: { any: ['thing'] },
    };
    expect(check(title)).toBeUndefined();
  });

  it('passes nulls where the types allow them', () => {
    const check = checkOf('title year kind primaryImage { url }');
    expect(check({ title: null, year: null, kind: null, primaryImage: null })).toBeUndefined();
  });

  it.each([
    ['an ID that is a number', 'id', { id: 7 }, 'id: a number where ID belongs'],
    ['a String that is a number', 'title', { title: 1995 }, 'title: a number where String belongs'],
    ['an Int that is a string', 'year', { year: '1995' }, 'year: a string where Int belongs'],
    ['an Int beyond 32 bits', 'year', { year: 2 ** 40 }, 'year: a number where Int belongs'],
    ['an Int with a fraction', 'year', { year: 1.5 }, 'year: a number where Int belongs'],
    ['a Float that is a string', 'rating', { rating: '8' }, 'rating: a string where Float belongs'],
    [
      'a Boolean that is a string',
      'adult',
      { adult: 'no' },
      'adult: a string where Boolean belongs',
    ],
    [
      'an enum value it does not have',
      'kind',
      { kind: 'OPERA' },
      'kind: a string that is no value of the enum Kind',
    ],
    ['null in a non-null field', 'adult', { adult: null }, 'adult: null where Boolean! belongs'],
    [
      'null in a non-null list item',
      'genres',
      { genres: ['a', null] },
      'genres.1: null where String! belongs',
    ],
    [
      'a string where a list belongs',
      'genres',
      { genres: 'Crime' },
      'genres: a string where [String!] belongs',
    ],
    [
      'a string where an object belongs',
      'primaryImage { url }',
      { primaryImage: 'u' },
      'primaryImage: a string where Image belongs',
    ],
    [
      'null deep inside',
      'primaryImage { url }',
      { primaryImage: { url: null } },
      'primaryImage.url: null where String! belongs',
    ],
    ['a field left out', 'title year', { title: 'Heat' }, 'year: missing'],
    [
      'another type name',
      '__typename',
      { __typename: 'Person' },
      '__typename: a string where the type name "Title" belongs',
    ],
  ])('finds %s', (_case, selection, value, violation) => {
    expect(checkOf(selection)(value)).toBe(violation);
  });

  it('finds the entry itself when it is no object', () => {
    expect(checkOf('title')('Heat')).toBe('a string where Title belongs');
  });

  it('lets a field under @skip or @include be left out', () => {
    const check = checkOf('title year @skip(if: true) ... @include(if: false) { rating }');
    expect(check({ title: 'Heat' })).toBeUndefined();
  });

  it('checks each fragment that applies, under the response key the client chose', () => {
    const check = checkOf('... on Title { name: title } ...on Title { name: title year }');
    expect(check({ name: 'Heat', year: 'x' })).toBe('year: a string where Int belongs');
  });

  it('checks a member of a union by the type its __typename names', () => {
    const check = checkOf(
      'credits { __typename ... on Person { name } ... on Company { company } }',
    );
    expect(check({ credits: [{ __typename: 'Person', name: 'Al' }] })).toBeUndefined();
    expect(check({ credits: [null, { __typename: 'Company', company: 3 }] })).toBe(
      'credits.1.company: a number where String belongs',
    );
    expect(check({ credits: [{ __typename: 'Studio' }] })).toBe(
      'credits.0.__typename: no type of Credit',
    );
  });
});
