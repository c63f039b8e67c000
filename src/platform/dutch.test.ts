import { describe, expect, it } from 'vitest';
import { amountInput, formatAmount, formatCount, formatDate, formatDateTime, formatMonth, parseAmount } from './dutch.ts';

describe('Dutch formats on every page', () => {
  it('shows amounts as € 1.234,56 and -€ 125,00', () => {
    expect(formatAmount(123456)).toBe('€ 1.234,56');
    expect(formatAmount(-12500)).toBe('-€ 125,00');
    expect(formatAmount(5)).toBe('€ 0,05');
    expect(formatAmount(null)).toBe('–');
  });

  it('shows dates as 1 januari 2026, whatever the time zone of the day', () => {
    expect(formatDate('2026-01-01')).toBe('1 januari 2026');
    // 23:30 UTC on 31 December is already 1 January in Amsterdam
    expect(formatDate('2025-12-31T23:30:00Z')).toBe('1 januari 2026');
    expect(formatDateTime('2026-03-05T13:05:00Z')).toBe('5 maart 2026 om 14:05');
    expect(formatMonth('2026-03')).toBe('maart 2026');
  });

  it('shows counts with a thousands separator', () => {
    expect(formatCount(12345)).toBe('12.345');
    expect(formatCount(1000000)).toBe('1.000.000');
  });

  it('reads amounts the way people type them', () => {
    expect(parseAmount('1.650,50')).toBe(165050);
    expect(parseAmount('1650,50')).toBe(165050);
    expect(parseAmount('1650')).toBe(165000);
    expect(parseAmount('€ 12,50')).toBe(1250);
    expect(parseAmount('12,5')).toBe(1250);
    expect(parseAmount('1650.50')).toBe(165050);
    expect(parseAmount('1.650')).toBe(165000);
    expect(parseAmount(' 25 ')).toBe(2500);
    expect(parseAmount('-125,00')).toBe(-12500);
  });

  it('refuses what is not an amount instead of guessing', () => {
    for (const text of ['', 'twaalf', '12,345', '1.65.0', '12,50,1', '1,2,3', '€', '12a']) expect(parseAmount(text), text).toBeNull();
  });

  it('writes an amount back into a field the way it is read', () => {
    expect(amountInput(165050)).toBe('1650,50');
    expect(parseAmount(amountInput(165050))).toBe(165050);
  });
});
