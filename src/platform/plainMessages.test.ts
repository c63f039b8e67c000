import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './i18n.ts';

const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

describe('validation messages people read next to a field', () => {
  it('says in one plain sentence what to do, never what a validator expected', () => {
    const all = [
      ...messages(z.object({ code: z.string().min(8) }), { code: 'abc' }),
      ...messages(z.object({ cents: z.number().int().max(100000) }), { cents: 200000 }),
      ...messages(z.object({ email: z.email() }), { email: 'geen-adres' }),
      ...messages(z.object({ kind: z.enum(['a', 'b']) }), { kind: 'c' }),
      ...messages(z.object({ name: z.string() }), {}),
    ];
    expect(all).toEqual([
      'Vul minstens 8 tekens in.',
      'Vul een getal van 100.000 of minder in.',
      'Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.',
      'Kies een van de mogelijkheden.',
      'Vul dit veld in.',
    ]);
    for (const m of all) expect(m).not.toMatch(/verwacht|string|number|>=|<=/);
  });

  it('keeps a schema’s own message', () => {
    expect(messages(z.string().min(1, 'Geef een reden op.'), '')).toEqual(['Geef een reden op.']);
  });
});
