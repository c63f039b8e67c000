import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { useApiMutation } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import { creditorTypeLabels, type creditorTypesView } from '../../../../src/modules/signals/contract.ts';
import { creditorTypes } from '../../../../src/modules/signals/ddas.ts';

type CreditorTypesView = Json<typeof creditorTypesView>;
type CreditorType = CreditorTypesView['creditorTypes'][number];

/** The admin sets which kinds of signals a creditor reports; the import refuses rows of another kind. */
export function CreditorTypesForm({ organisation, onSaved }: { organisation: { id: string; name: string; creditorTypes?: string[] }; onSaved: () => void }) {
  const [chosen, setChosen] = useState<CreditorType[]>((organisation.creditorTypes ?? []) as CreditorType[]);
  const [message, setMessage] = useState('');
  const [localErrors, setLocalErrors] = useState<FieldErrors>({});
  const formId = `types-form-${organisation.id}`;
  const fields: FieldMap = { creditorTypes: { id: `type-${organisation.id}-${creditorTypes[0]}`, label: 'Soorten' } };
  const save = useApiMutation<{ creditorTypes: CreditorType[] }, CreditorTypesView>('PUT', `/signals/creditors/${organisation.id}/types`, {
    invalidates: ['/organisations', '/signals/creditors'],
    onSuccess: (result) => {
      setMessage(`De soorten van ${organisation.name} zijn opgeslagen: ${result.creditorTypes.map((t) => creditorTypeLabels[t].toLowerCase()).join(', ')}.`);
      onSaved();
    },
  });
  const error = fieldError('creditorTypes', save.error, localErrors);
  const names = chosen.map((t) => creditorTypeLabels[t].toLowerCase()).join(', ');
  return (
    <section aria-labelledby={`types-${organisation.id}`}>
      <Heading2 id={`types-${organisation.id}`}>Soorten signalen van {organisation.name}</Heading2>
      <Paragraph>Een regel van een andere soort wordt bij het inlezen afgewezen. Levert de schuldeiser één soort, dan mag de kolom soort ontbreken.</Paragraph>
      <Done>{message}</Done>
      <form id={formId} onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label={`Soorten signalen van ${organisation.name}`}>
        <ErrorSummary error={save.error} local={localErrors} fields={fields} />
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Soorten</legend>
          {error && (
            <Paragraph className="utrecht-form-field-error-message vn-field-error" id={`types-${organisation.id}-error`}>
              {error}
            </Paragraph>
          )}
          {creditorTypes.map((type) => (
            <div key={type} className="vn-field" style={{ display: 'flex', gap: '0.5rem', alignItems: 'start' }}>
              <input
                id={`type-${organisation.id}-${type}`}
                type="checkbox"
                className="utrecht-checkbox utrecht-checkbox--html-input"
                checked={chosen.includes(type)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `types-${organisation.id}-error` : undefined}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, type] : c.filter((t) => t !== type)))}
              />
              <label htmlFor={`type-${organisation.id}-${type}`} style={{ fontWeight: 'normal' }}>
                {creditorTypeLabels[type]}
              </label>
            </div>
          ))}
        </fieldset>
        <ConfirmButton
          label="Soorten opslaan"
          title={`Soorten van ${organisation.name} wijzigen?`}
          consequence={`Vanaf nu neemt het inlezen van ${organisation.name} alleen nog signalen aan over: ${names}. Regels van een andere soort worden afgewezen.`}
          confirmLabel="Ja, sla de soorten op"
          disabled={save.isPending}
          beforeOpen={() => {
            setMessage('');
            const local: FieldErrors = chosen.length ? {} : { creditorTypes: 'Kies ten minste één soort signalen.' };
            setLocalErrors(local);
            return chosen.length > 0;
          }}
          onConfirm={() =>
            save.mutateAsync({ creditorTypes: chosen }).then(
              () => undefined,
              () => undefined,
            )
          }
        />
      </form>
    </section>
  );
}
