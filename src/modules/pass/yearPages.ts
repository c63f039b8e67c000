// Mijn Dordtpas and the new pass year: the invitation to confirm, with its deadline, or what became of it.
import { errorSummary, formatDutchDate, html, type SafeHtml } from '../../platform/html.ts';
import type { ResidentStatus } from './pages.ts';

export const confirmFieldLabel = 'Mijn situatie is hetzelfde gebleven';
export const confirmMissingText = 'Vink aan dat uw inkomen en uw gezin hetzelfde zijn gebleven. Is er iets veranderd? Vraag de Dordtpas dan opnieuw aan.';

/** The next pass year on Mijn Dordtpas: a form while the invitation is open, otherwise one sentence. */
export function renewalSection(status: ResidentStatus, errors: Record<string, string> = {}, message?: string): SafeHtml {
  const renewal = status.renewal;
  if (!renewal) return html``;
  const said = message ? html`<p class="utrecht-paragraph" role="status">${message}</p>` : html``;
  if (renewal.status === 'renewed')
    return html`<h2 class="utrecht-heading-2">Pasjaar ${renewal.year}</h2>${said}<p class="utrecht-paragraph">Uw Dordtpas is verlengd voor ${renewal.year}. U hoeft niets te doen.</p>`;
  if (!renewal.open)
    return html`<h2 class="utrecht-heading-2">Pasjaar ${renewal.year}</h2>${said}<p class="utrecht-paragraph">U heeft niet op tijd bevestigd${renewal.deadline ? ` (uiterlijk ${formatDutchDate(renewal.deadline)})` : ''}. Uw Dordtpas is niet verlengd. <a href="/dordtpas">Vraag de Dordtpas opnieuw aan</a>.</p>`;
  const error = errors.confirm;
  return html`<h2 class="utrecht-heading-2">Verleng uw Dordtpas voor ${renewal.year}</h2>
${errorSummary(errors, () => confirmFieldLabel)}
<p class="utrecht-paragraph">Is uw situatie hetzelfde gebleven? Bevestig dat dan uiterlijk ${formatDutchDate(renewal.deadline!)}. Dan loopt uw Dordtpas door in ${renewal.year}. Bevestigt u niet op tijd, dan stopt uw pas.</p>
<form method="post" action="/dordtpas/mijn-pas/verlengen" aria-label="Dordtpas verlengen" novalidate>
<input type="hidden" name="reference" value="${status.reference}">
<input type="hidden" name="year" value="${String(renewal.year)}">
<div class="vn-field">
${error ? html`<p class="vn-field-error" id="f-confirm-error">${error}</p>` : ''}
<input type="checkbox" id="f-confirm" name="confirm" value="ja"${error ? html` aria-invalid="true" aria-describedby="f-confirm-error"` : ''}>
<label class="utrecht-form-label" for="f-confirm">${confirmFieldLabel}</label>
</div>
<p><button class="utrecht-button utrecht-button--primary-action" type="submit">Bevestigen en verlengen</button></p>
</form>`;
}
