import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { cameraProblemText, passNumberFromQr } from './scan.ts';

describe('the till scanner', () => {
  it('takes the ten digits the pass QR code holds, and nothing else', () => {
    // The payload as the pass page encodes it: the segments of the QR code hold exactly the pass number.
    const qr = QRCode.create('1000000016', { errorCorrectionLevel: 'M' });
    const payload = qr.segments.map((s) => String(s.data)).join('');
    expect(passNumberFromQr(payload)).toBe('1000000016');
    expect(passNumberFromQr(' 1000000016\n')).toBe('1000000016');
    expect(passNumberFromQr('1000 0000 16')).toBeNull();
    expect(passNumberFromQr('100000001')).toBeNull();
    expect(passNumberFromQr('https://www.dordrecht.nl/1000000016')).toBeNull();
  });

  it('says what went wrong with the camera in a plain sentence', () => {
    expect(cameraProblemText(new DOMException('x', 'NotAllowedError'))).toBe(
      'De camera mag niet gebruikt worden. Geef de browser toestemming voor de camera, of typ het pasnummer in.',
    );
    expect(cameraProblemText(new DOMException('x', 'NotFoundError'))).toBe('Er is geen camera gevonden op dit apparaat. Typ het pasnummer in.');
    expect(cameraProblemText(new DOMException('x', 'NotReadableError'))).toContain('al in gebruik');
    expect(cameraProblemText(new Error('boom'))).toBe('De camera kon niet starten. Typ het pasnummer in.');
  });
});
