/**
 * What the till's camera scanner reads and says, without a browser: the QR code on "Mijn Dordtpas" holds the ten
 * digits of the pass number and nothing else (src/modules/pass/pages.ts, passQrSvg).
 */

/** The pass number in a scanned text, or null when it is not the code of a Dordtpas. */
export function passNumberFromQr(text: string): string | null {
  const digits = text.trim();
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** A camera problem, as a sentence for the person at the till. */
export function cameraProblemText(error: unknown): string {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'SecurityError')
    return 'De camera mag niet gebruikt worden. Geef de browser toestemming voor de camera, of typ het pasnummer in.';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NoCamera')
    return 'Er is geen camera gevonden op dit apparaat. Typ het pasnummer in.';
  if (name === 'NotReadableError') return 'De camera is al in gebruik door een ander programma. Sluit dat programma, of typ het pasnummer in.';
  return 'De camera kon niet starten. Typ het pasnummer in.';
}
