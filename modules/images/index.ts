/** The images graphlet: the primary image of titles and people. */

export { createImagesGraphlet, type ImagesGraphletOptions } from './create-images-graphlet.ts';
export { NAME_ID, type Pictured, type StoredImage, TITLE_ID } from './image.ts';
export { type ImagesStore, loadImages } from './load-images.ts';
export { IMAGES_SDL } from './module.ts';
export { IMAGES_SEED } from './seed.ts';
