import { Heading2 } from '@utrecht/component-library-react';
import { useState } from 'react';
import { ConfirmButton } from '../../confirm.tsx';
import { Checkbox, ErrorSummary, Field, fieldError, type FieldMap } from '../../forms.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { caseClosed } from '../../../../src/modules/signals/contract.ts';
import type { CaseFormProps } from './CaseForms.tsx';
import { label } from './caseShared.ts';
import { finalResultLabels, finalResults, helpResponseLabels, helpResponses, referralResults } from './shared.tsx';

const outcomeFields: FieldMap = {
  result: { id: 'o-result', label: 'Resultaat' },
  helpResponse: { id: 'o-response', label: 'Reactie op het aanbod van hulp' },
  referralOrganisationId: { id: 'o-target', label: 'Doorverwezen naar' },
  chainConsent: { id: 'o-chain', label: 'Toestemming voor de Ketenaanpak' },
  theme: { id: 'o-theme', label: 'Onderwerp van de hulpvraag' },
  referralNote: { id: 'o-note', label: 'Toelichting' },
};

/** The outcome that closes the case: a result, and for a referral the organisation and, with consent, the handover. */
export function OutcomeForm({ caseId, onStart, onDone }: Omit<CaseFormProps, 'c'>) {
  const codeLists = useApi<{ themes: Record<string, string> }>('/referrals/code-lists');
  const organisationList = useApi<{ id: string; name: string; kind: string }[]>('/organisations');
  const organisations = (organisationList.data ?? []).filter((o) => !['creditor', 'provider'].includes(o.kind));
  const [outcome, setOutcome] = useState({ result: '', helpResponse: '', referralOrganisationId: '', referralNote: '', chainConsent: false, theme: '' });
  const [outcomeLocal, setOutcomeLocal] = useState<Record<string, string>>({});
  const close = useApiMutation<Record<string, unknown>, Json<typeof caseClosed>>('POST', `/signals/cases/${caseId}/outcome`, {
    invalidates: ['/signals/cases'],
    onSuccess: () => onDone('De uitkomst is vastgelegd en de zaak is afgesloten.'),
  });
  const isReferral = referralResults.includes(outcome.result as (typeof referralResults)[number]);
  /** What the outcome form misses before the question is asked: a result, and for a referral its organisation. */
  const checkOutcome = (): Record<string, string> => {
    const local: Record<string, string> = {};
    if (!outcome.result) local.result = 'Kies een resultaat.';
    if (isReferral && !outcome.referralOrganisationId) local.referralOrganisationId = 'Kies naar welke organisatie u heeft doorverwezen.';
    if (isReferral && outcome.chainConsent && outcome.result === 'referral_non_financial' && !outcome.theme)
      local.theme = 'Kies het onderwerp van de hulpvraag.';
    return local;
  };
  const saveOutcome = async () => {
    onStart();
    const local = checkOutcome();
    setOutcomeLocal(local);
    if (Object.keys(local).length) return;
    await close
      .mutateAsync({
        result: outcome.result,
        helpResponse: outcome.helpResponse || null,
        referralOrganisationId: outcome.referralOrganisationId || null,
        referralNote: outcome.referralNote || null,
        chainConsent: isReferral && outcome.chainConsent,
        theme: outcome.chainConsent && outcome.theme ? outcome.theme : null,
      })
      .catch(() => undefined);
  };
  return (
    <>
      <Heading2>Uitkomst vastleggen</Heading2>
      <form id="outcome-form" className="vn-form" aria-label="Uitkomst vastleggen" onSubmit={(e) => e.preventDefault()} noValidate>
        <ErrorSummary error={close.error} local={outcomeLocal} fields={outcomeFields} />
        <Field id="o-result" label="Resultaat" error={fieldError('result', close.error, outcomeLocal)}>
          {(aria) => (
            <select {...aria} className="utrecht-select" value={outcome.result} onChange={(e) => setOutcome({ ...outcome, result: e.target.value })}>
              <option value="">Kies een resultaat</option>
              {finalResults.map((r) => (
                <option key={r} value={r}>
                  {finalResultLabels[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="o-response" label="Reactie op het aanbod van hulp" error={fieldError('helpResponse', close.error, outcomeLocal)}>
          {(aria) => (
            <select
              {...aria}
              className="utrecht-select"
              value={outcome.helpResponse}
              onChange={(e) => setOutcome({ ...outcome, helpResponse: e.target.value })}
            >
              <option value="">Volgt uit het resultaat</option>
              {helpResponses.map((r) => (
                <option key={r} value={r}>
                  {helpResponseLabels[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {isReferral && (
          <Field id="o-target" label="Doorverwezen naar" error={fieldError('referralOrganisationId', close.error, outcomeLocal)}>
            {(aria) => (
              <select
                {...aria}
                className="utrecht-select"
                value={outcome.referralOrganisationId}
                onChange={(e) => setOutcome({ ...outcome, referralOrganisationId: e.target.value })}
              >
                <option value="">Kies een organisatie</option>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {isReferral && (
          <Checkbox
            id="o-chain"
            label="De inwoner geeft toestemming: draag de vraag over in de Ketenaanpak, zodat deze organisatie contact opneemt"
            checked={outcome.chainConsent}
            onChange={(chainConsent) => setOutcome({ ...outcome, chainConsent })}
            error={fieldError('chainConsent', close.error)}
          />
        )}
        {isReferral && outcome.chainConsent && (
          <Field
            id="o-theme"
            label="Onderwerp van de hulpvraag"
            description="Met de vraag gaan de signalen mee: soort schuldeiser, bedrag, aantal maanden en sinds wanneer. Niet het BSN en niet het kenmerk of de naam van de schuldeiser."
            error={fieldError('theme', close.error, outcomeLocal)}
          >
            {(aria) => (
              <select {...aria} className="utrecht-select" value={outcome.theme} onChange={(e) => setOutcome({ ...outcome, theme: e.target.value })}>
                <option value="">{outcome.result === 'referral_non_financial' ? 'Kies een onderwerp' : 'Geld en schulden (standaard)'}</option>
                {Object.entries(codeLists.data?.themes ?? {}).map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id="o-note" label="Toelichting (optioneel)" error={fieldError('referralNote', close.error, outcomeLocal)}>
          {(aria) => (
            <textarea
              {...aria}
              className="utrecht-textarea"
              value={outcome.referralNote}
              onChange={(e) => setOutcome({ ...outcome, referralNote: e.target.value })}
            />
          )}
        </Field>
        <ConfirmButton
          label="Uitkomst opslaan en zaak afsluiten"
          title="Zaak afsluiten?"
          consequence={
            outcome.result
              ? `U legt vast: "${label(finalResultLabels, outcome.result)}". De zaak wordt afgesloten en verdwijnt uit de werkvoorraad.${isReferral && outcome.chainConsent ? ' De vraag gaat met toestemming van de inwoner naar de gekozen organisatie.' : ''}`
              : 'De zaak wordt afgesloten en verdwijnt uit de werkvoorraad.'
          }
          confirmLabel="Ja, sluit de zaak"
          disabled={close.isPending}
          beforeOpen={() => {
            const local = checkOutcome();
            setOutcomeLocal(local);
            return Object.keys(local).length === 0;
          }}
          onConfirm={saveOutcome}
        />
      </form>
    </>
  );
}
