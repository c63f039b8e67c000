import { Button, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { ProblemAlert } from '../../components.tsx';
import { creditorTypeLabels, creditorTypes } from '../../../../src/modules/signals/ddas.ts';

/** The admin sets which kinds of signals a creditor reports; the import refuses rows of another kind. */
export function CreditorTypesForm({ organisation, onSaved }: { organisation: { id: string; name: string; creditorTypes?: string[] }; onSaved: () => void }) {
  const [chosen, setChosen] = useState<string[]>(organisation.creditorTypes ?? []);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api('PUT', `/signals/creditors/${organisation.id}/types`, { creditorTypes: chosen });
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby={`types-${organisation.id}`}>
      <Heading2 id={`types-${organisation.id}`}>Soorten signalen van {organisation.name}</Heading2>
      <Paragraph>Een regel van een andere soort wordt bij het inlezen afgewezen. Levert de schuldeiser één soort, dan mag de kolom soort ontbreken.</Paragraph>
      <ProblemAlert error={error} />
      {saved && (
        <div className="vn-success" role="status">
          <Paragraph>De soorten zijn opgeslagen.</Paragraph>
        </div>
      )}
      <form onSubmit={save} className="vn-form" aria-label={`Soorten signalen van ${organisation.name}`}>
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Soorten</legend>
          {creditorTypes.map((type) => (
            <div key={type} className="vn-field" style={{ display: 'flex', gap: '0.5rem', alignItems: 'start' }}>
              <input
                id={`type-${organisation.id}-${type}`}
                type="checkbox"
                className="utrecht-checkbox utrecht-checkbox--html-input"
                checked={chosen.includes(type)}
                onChange={(e) => setChosen((c) => (e.target.checked ? [...c, type] : c.filter((t) => t !== type)))}
              />
              <label htmlFor={`type-${organisation.id}-${type}`} style={{ fontWeight: 'normal' }}>
                {creditorTypeLabels[type]}
              </label>
            </div>
          ))}
        </fieldset>
        <Button type="submit" appearance="primary-action-button">
          Soorten opslaan
        </Button>
      </form>
    </section>
  );
}
