import { z } from 'zod';

/**
 * A partial update: every field optional, but at least one must be given. An empty change is a client error
 * (400 with a Dutch reason), not an UPDATE without columns.
 */
export function patchSchema<T extends z.ZodRawShape>(shape: T) {
  return z
    .object(shape)
    .refine((value) => Object.values(value).some((v) => v !== undefined), { message: 'Geef minstens één veld om te wijzigen.' });
}
