import { createGraphletHandler, type GraphletHandler, resolveByKeys } from '../kit/index.ts';
import { NAME_ID, TITLE_ID } from './image.ts';
import { type ImagesStore, loadImages } from './load-images.ts';
import { IMAGES_SDL } from './module.ts';

export interface ImagesGraphletOptions extends ImagesStore {}

/**
 * The images graphlet: `primaryImage` of titles and people, each kind through its own
 * merge field, so a merge level costs one invoke and one BatchGetItem per 100 ids.
 * A malformed id (a stub from elsewhere) answers null rather than an error.
 *
 * @example
 * const graphlet = createImagesGraphlet({ documents, imagesTable: 'turnout-images-images' });
 * await graphlet({ query: '{ _titles(ids: ["tt0089374"]) { primaryImage { url } } }' });
 */
export function createImagesGraphlet(options: ImagesGraphletOptions): GraphletHandler {
  const store: ImagesStore = { documents: options.documents, imagesTable: options.imagesTable };
  const loadMatching = (pattern: RegExp) => (ids: string[]) =>
    loadImages(
      ids.filter((id) => pattern.test(id)),
      store,
    );
  return createGraphletHandler({
    sdl: IMAGES_SDL,
    resolvers: {
      Query: {
        _titles: resolveByKeys(loadMatching(TITLE_ID)),
        _people: resolveByKeys(loadMatching(NAME_ID)),
      },
    },
  });
}
