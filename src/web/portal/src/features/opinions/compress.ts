/** Largest photo the server takes, and the largest a phone may pick before we even try. */
export const PHOTO_MAX_MB = 8;
export const PICK_MAX_MB = 25;
const EDGE = 1600;

const MAGIC: [number[], string][] = [
  [[0xff, 0xd8, 0xff], 'image/jpeg'],
  [[0x89, 0x50, 0x4e, 0x47], 'image/png'],
  [[0x52, 0x49, 0x46, 0x46], 'image/webp'],
];

/** What the file really is, by its first bytes (a name ending .jpg proves nothing). */
export async function sniff(file: Blob): Promise<string | null> {
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  for (const [sig, type] of MAGIC) if (sig.every((b, i) => head[i] === b)) return type;
  if (head[4] === 0x66 && head[5] === 0x74 && head[6] === 0x79 && head[7] === 0x70) return 'image/heic';
  return null;
}

/**
 * A smaller JPEG of a photo (long edge ≤ 1600 px): less to send on a weak connection. Drawing on
 * a canvas also leaves EXIF (and GPS) behind; the server strips it again anyway.
 */
export async function compress(file: File): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file; // A format the browser cannot draw (HEIC in some browsers): the server decides.
  }
  const scale = Math.min(1, EDGE / Math.max(bitmap.width, bitmap.height));
  const w = Math.round(bitmap.width * scale);
  const h = Math.round(bitmap.height * scale);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return file;
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  return blob && blob.size < file.size ? blob : file;
}
