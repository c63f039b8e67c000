/** Random pass numbers and access codes, from the operating system's cryptographic source. */
import { randomInt } from 'node:crypto';
import { passNumberFrom } from '../domain.ts';

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function randomCode(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += codeAlphabet[randomInt(codeAlphabet.length)];
  return out;
}
/** An application reference such as `DP-7K3M9QXA`: what the resident quotes on the phone. */
export function newApplicationReference(): string {
  return `DP-${randomCode(8)}`;
}
/** Twelve characters from 32: 60 bits, shown once to the resident and stored only as a hash. */
export function newAccessCode(): string {
  const raw = randomCode(12);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}
/** A new pass number with its check digit. */
export function newPassNumber(): string {
  return passNumberFrom(String(randomInt(100_000_000, 1_000_000_000)));
}
