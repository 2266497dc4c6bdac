import { fileTypeFromBuffer } from 'file-type';
import type SharpType from 'sharp';
import { invalid } from '../errors/errors.js';
import type { NewFile } from './store.js';

/** The largest photo accepted, before cleaning. */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** Longest side kept: enough for a wall print, small enough for a phone. */
const MAX_SIDE = 2400;
/** Refuses decompression bombs (a tiny file that opens to billions of pixels). */
const MAX_PIXELS = 40_000_000;

let loaded: Promise<typeof SharpType> | null = null;

/**
 * sharp (libvips) only once a photo comes: a process that never cleans one does not map the
 * library and its caches. libvips' operation cache is off: a photo is cleaned once, never again,
 * and the cache would keep up to 50 MB of pixels resident after each.
 */
function loadSharp(): Promise<typeof SharpType> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}

/**
 * Checks an uploaded photo by its content (JPEG, PNG or WebP, whatever its name or declared type
 * says), turns it upright, bounds its size and re-encodes it: the result carries no EXIF (no GPS
 * position, no camera serial), no XMP and no comments.
 */
export async function cleanPhoto(bytes: Buffer, field = 'body.file'): Promise<NewFile> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ACCEPTED.has(type.mime)) {
    throw invalid({
      path: field,
      zh: '只接受 JPEG、PNG 或 WebP 格式的图片',
      en: 'Only JPEG, PNG or WebP images are accepted',
    });
  }
  const sharp = await loadSharp();
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const encoded =
      type.mime === 'image/png'
        ? image.png({ compressionLevel: 9 })
        : type.mime === 'image/webp'
          ? image.webp({ quality: 85 })
          : image.jpeg({ quality: 85, mozjpeg: true });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, contentType: type.mime, width: info.width, height: info.height };
  } catch {
    throw invalid({ path: field, zh: '图片已损坏或过大，无法读取', en: 'The image is damaged or too large to read' });
  }
}
