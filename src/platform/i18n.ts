import { z } from 'zod';
import { plainIssueMessage } from './plainMessages.ts';

/**
 * Validation messages in plain Dutch: people read them next to a form field. A schema's own message wins; then the
 * plain sentences of `plainMessages.ts`; zod's Dutch locale only for what those do not cover.
 */
z.config(z.locales.nl());
z.config({ customError: plainIssueMessage });
