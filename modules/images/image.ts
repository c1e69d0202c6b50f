/** An image as stored: one item per title or person, keyed by its `tt` or `nm` id. */
export interface StoredImage {
  id: string;
  url: string;
  width: number;
  height: number;
  caption?: string;
}

/** What this graphlet knows of a title or a person: its id and primary image. */
export interface Pictured {
  id: string;
  primaryImage: Omit<StoredImage, 'id'> | null;
}

/** Title ids (tt...) and name ids (nm...), the two kinds of thing that have pictures. */
export const TITLE_ID = /^tt\d{7,8}$/;
export const NAME_ID = /^nm\d{7,8}$/;
