/** A person as stored (one item per person, keyed by `id`). */
export interface Person {
  id: string;
  name: string;
  birthYear?: number;
  /** Title ids, best known first. */
  knownFor: string[];
}
