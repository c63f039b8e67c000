// Reading a QR code back in tests: a PNG (a screenshot, or the library's own render) → the text it holds.
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is a UMD bundle: depending on the loader its function is the default export or the default's `default`.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const loaded = jsQRModule as unknown as Decode | { default: Decode };
const jsQR: Decode = typeof loaded === 'function' ? loaded : loaded.default;

/** The text of the QR code in a PNG image, or null when none is found. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}
