/** The kinds of title, as the schema's `TitleType` enum names them. */
export const TITLE_TYPES = [
  'MOVIE',
  'SERIES',
  'MINI_SERIES',
  'TV_MOVIE',
  'SHORT',
  'DOCUMENTARY',
] as const;

export type TitleType = (typeof TITLE_TYPES)[number];

/** A title as stored (one item per title, keyed by `id`) and as answered. */
export interface Title {
  id: string;
  title: string;
  year?: number;
  type: TitleType;
  genres: string[];
}
