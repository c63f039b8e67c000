import { z } from 'zod';

/** Validation messages in Dutch: people read them in problem details and forms. */
z.config(z.locales.nl());
