/** The names graphlet: people by IMDb nm id, and the titles they are known for. */

export { checkCount } from './check-count.ts';
export { createNamesGraphlet, type NamesGraphletOptions } from './create-names-graphlet.ts';
export { InvalidArgumentError, InvalidNameIdError } from './errors.ts';
export { listPeople, type PeoplePage } from './list-people.ts';
export { loadPeople, type PeopleStore } from './load-people.ts';
export { NAMES_SDL } from './module.ts';
export { isNameId, parseNameId } from './name-id.ts';
export { decodePeopleCursor, encodePeopleCursor } from './people-cursor.ts';
export type { Person } from './person.ts';
export { PEOPLE_SEED } from './seed.ts';
