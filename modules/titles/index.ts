/** The titles graphlet: title metadata by IMDb tt id. */

export { createTitlesGraphlet, type TitlesGraphletOptions } from './create-titles-graphlet.ts';
export { InvalidTitleIdError } from './errors.ts';
export { loadTitles, type TitlesStore } from './load-titles.ts';
export { TITLES_SDL } from './module.ts';
export { TITLES_SEED } from './seed.ts';
export { TITLE_TYPES, type Title, type TitleType } from './title.ts';
export { isTitleId, parseTitleId } from './title-id.ts';
