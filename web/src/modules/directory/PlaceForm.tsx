import { Button } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { useApiMutation } from '../../query.tsx';
import type { Organizations, Place } from './directoryShared.ts';

const placeFields: FieldMap = {
  organizationId: { id: 'p-org', label: 'Organisatie van de plek' },
  name: { id: 'p-name', label: 'Naam van de plek' },
  address: { id: 'p-address', label: 'Straat en huisnummer' },
  postcode: { id: 'p-postcode', label: 'Postcode' },
  city: { id: 'p-city', label: 'Plaats' },
};

/** Adding a place, e.g. a library or community centre for a mobile consultation hour. */
export function PlaceForm({ organizations }: { organizations: Organizations['organizations'] }) {
  const empty = { organizationId: '', name: '', address: '', postcode: '', city: 'Dordrecht', meetingPlace: true };
  const [form, setForm] = useState(empty);
  const [local, setLocal] = useState<FieldErrors>({});
  const [added, setAdded] = useState<string | null>(null);
  const add = useApiMutation<typeof empty, Place>('POST', '/directory/locations', {
    invalidates: ['/directory/organizations'],
    onSuccess: (place) => {
      setAdded(place.name);
      setForm(empty);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    const errors: FieldErrors = form.organizationId ? {} : { organizationId: 'Kies de organisatie van de plek.' };
    setLocal(errors);
    if (Object.keys(errors).length) return;
    add.mutate(form);
  };
  const err = (name: string) => fieldError(name, add.error, local);
  return (
    <form onSubmit={submit} className="vn-form" aria-label="Plek toevoegen" noValidate>
      <ErrorSummary error={add.error} local={local} fields={placeFields} />
      <Done>{added && `De plek ${added} is toegevoegd.`}</Done>
      <Field id="p-org" label="Organisatie van de plek" error={err('organizationId')}>
        {(aria) => (
          <select {...aria} className="utrecht-select" value={form.organizationId} onChange={(e) => setForm({ ...form, organizationId: e.target.value })}>
            <option value="">Kies een organisatie</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextInput id="p-name" label="Naam van de plek" value={form.name} error={err('name')} onChange={(name) => setForm({ ...form, name })} />
      <TextInput
        id="p-address"
        label="Straat en huisnummer"
        value={form.address}
        error={err('address')}
        onChange={(address) => setForm({ ...form, address })}
      />
      <TextInput id="p-postcode" label="Postcode" value={form.postcode} error={err('postcode')} onChange={(postcode) => setForm({ ...form, postcode })} />
      <TextInput id="p-city" label="Plaats" value={form.city} error={err('city')} onChange={(city) => setForm({ ...form, city })} />
      <div className="vn-check">
        <input
          type="checkbox"
          className="utrecht-checkbox"
          id="p-meeting"
          checked={form.meetingPlace}
          onChange={(e) => setForm({ ...form, meetingPlace: e.target.checked })}
        />
        <label htmlFor="p-meeting">Ontmoetingsplek (voor mobiele spreekuren)</label>
      </div>
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
          Plek toevoegen
        </Button>
      </div>
    </form>
  );
}
