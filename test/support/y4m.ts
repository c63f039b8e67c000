import fs from 'node:fs';
import QRCode from 'qrcode';

/**
 * A video for chromium's fake camera (`--use-file-for-fake-video-capture=<file>.y4m`): a plain YUV4MPEG2 file, the
 * header and then frames of 4:2:0 YUV, showing the QR code of `text` as the `qrcode` package lays it out (the same
 * library and settings as the pass page: error correction M, a quiet zone of four modules), dark on white, centred.
 * Chromium reads the file again each time a page opens the camera, so a test may rewrite it between scans (keep the
 * size). `text` null: a white picture without a code.
 */
export function writeQrVideo(file: string, text: string | null, options: { width?: number; height?: number; frames?: number } = {}): void {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 10;
  const luma = Buffer.alloc(width * height, 235); // video white
  if (text !== null) {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const modules = qr.modules.size;
    const quiet = 4;
    const scale = Math.floor(Math.min(width, height) / (modules + 2 * quiet));
    const left = Math.floor((width - modules * scale) / 2);
    const top = Math.floor((height - modules * scale) / 2);
    for (let row = 0; row < modules; row++)
      for (let col = 0; col < modules; col++) {
        if (!qr.modules.get(row, col)) continue;
        for (let y = 0; y < scale; y++)
          luma.fill(16, (top + row * scale + y) * width + left + col * scale, (top + row * scale + y) * width + left + (col + 1) * scale);
      }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128); // no colour: U and V planes at the midpoint
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
