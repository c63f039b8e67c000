import { describe, expect, it } from 'vitest';
import { ShortLivedStore } from './flash.ts';

describe('the short-lived store behind Post/Redirect/Get', () => {
  it('gives back a value under its random key until it expires, and forgets a replaced key', () => {
    let now = 1_000;
    const store = new ShortLivedStore<string>(60_000, 10, () => now);
    const first = store.put('aanvraag');
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(store.get(first)).toBe('aanvraag');
    expect(store.get('geraden')).toBeNull();
    const second = store.put('overzicht', first);
    expect(store.get(first)).toBeNull();
    expect(store.get(second)).toBe('overzicht');
    now += 60_000;
    expect(store.get(second)).toBeNull();
  });

  it('holds at most its number of values, dropping the oldest', () => {
    const store = new ShortLivedStore<number>(60_000, 3);
    const keys = [1, 2, 3, 4].map((n) => store.put(n));
    expect(keys.map((k) => store.get(k))).toEqual([null, 2, 3, 4]);
  });
});
