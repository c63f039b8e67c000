import type { MailConfig } from '../../config.ts';

/**
 * The text of every mail Vangnet sends, in one shape: a greeting, the paragraphs (lines; an empty string is a blank
 * line), the municipality's sign-off and the note that nobody reads replies. Callers write only what is theirs to
 * say, and say nothing the receiver may not see.
 */
export function composeMail(settings: Pick<MailConfig, 'from'>, greeting: string, body: readonly string[]): string {
  return [
    greeting,
    '',
    ...body,
    '',
    'Met vriendelijke groet,',
    settings.from.name,
    '',
    'Dit bericht is automatisch verstuurd. U kunt er niet op antwoorden.',
    '',
  ].join('\n');
}
