import { Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Loading, ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import type { Organizations, Place } from './directoryShared.ts';

const placeFields: FieldMap = {
  organizationId: { id: 'p-org', label: 'Organisatie van de plek' },
  name: { id: 'p-name', label: 'Naam van de plek' },
  address: { id: 'p-address', label: 'Straat en huisnummer' },
  postcode: { id: 'p-postcode', label: 'Postcode' },
  city: { id: 'p-city', label: 'Plaats' },
  latitude: { id: 'p-latitude', label: 'Breedtegraad' },
  longitude: { id: 'p-longitude', label: 'Lengtegraad' },
};

const degrees = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 4, maximumFractionDigits: 6 });

/** `51,8125; 4,6625` or `–` when the place has no position yet. */
export function formatPosition(p: { latitude: number | null; longitude: number | null }): string {
  return p.latitude === null || p.longitude === null ? '–' : `${degrees.format(p.latitude)}; ${degrees.format(p.longitude)}`;
}

const typed = (value: number | null) => (value === null ? '' : degrees.format(value).replace(/\./g, ''));

/** The two coordinate fields, shared by the add and edit forms: WGS84 degrees, a decimal comma is fine. */
function PositionFields(props: {
  latitude: string;
  longitude: string;
  onChange: (v: { latitude?: string; longitude?: string }) => void;
  err: (name: string) => string | undefined;
}) {
  return (
    <>
      <Paragraph>
        De positie van de voordeur, in graden (WGS84), bijvoorbeeld uit een kaart als PDOK of OpenStreetMap. Inwoners zien dan hoe ver de plek van hun postcode
        is.
      </Paragraph>
      <TextInput
        id="p-latitude"
        label="Breedtegraad"
        description="Noorderbreedte, in Dordrecht ongeveer 51,8."
        inputMode="decimal"
        value={props.latitude}
        error={props.err('latitude')}
        onChange={(latitude) => props.onChange({ latitude })}
      />
      <TextInput
        id="p-longitude"
        label="Lengtegraad"
        description="Oosterlengte, in Dordrecht ongeveer 4,7."
        inputMode="decimal"
        value={props.longitude}
        error={props.err('longitude')}
        onChange={(longitude) => props.onChange({ longitude })}
      />
    </>
  );
}

/** Adding a place, e.g. a library or community centre for a mobile consultation hour. */
export function PlaceForm({ organizations }: { organizations: Organizations['organizations'] }) {
  const empty = { organizationId: '', name: '', address: '', postcode: '', city: 'Dordrecht', meetingPlace: true, latitude: '', longitude: '' };
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
      <PlaceFields form={form} setForm={(v) => setForm({ ...form, ...v })} err={err} />
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
          Plek toevoegen
        </Button>
      </div>
    </form>
  );
}

interface PlaceText {
  name: string;
  address: string;
  postcode: string;
  city: string;
  meetingPlace: boolean;
  latitude: string;
  longitude: string;
}

function PlaceFields({ form, setForm, err }: { form: PlaceText; setForm: (v: Partial<PlaceText>) => void; err: (name: string) => string | undefined }) {
  return (
    <>
      <TextInput id="p-name" label="Naam van de plek" value={form.name} error={err('name')} onChange={(name) => setForm({ name })} />
      <TextInput id="p-address" label="Straat en huisnummer" value={form.address} error={err('address')} onChange={(address) => setForm({ address })} />
      <TextInput id="p-postcode" label="Postcode" value={form.postcode} error={err('postcode')} onChange={(postcode) => setForm({ postcode })} />
      <TextInput id="p-city" label="Plaats" value={form.city} error={err('city')} onChange={(city) => setForm({ city })} />
      <PositionFields latitude={form.latitude} longitude={form.longitude} onChange={setForm} err={err} />
      <div className="vn-check">
        <input
          type="checkbox"
          className="utrecht-checkbox"
          id="p-meeting"
          checked={form.meetingPlace}
          onChange={(e) => setForm({ meetingPlace: e.target.checked })}
        />
        <label htmlFor="p-meeting">Ontmoetingsplek (voor mobiele spreekuren)</label>
      </div>
    </>
  );
}

/** Changing a place: its address, position and description. */
export function PlaceEdit() {
  const { id } = useParams();
  const places = useApi<Organizations>('/directory/organizations');
  const place = places.data?.locations.find((l) => l.id === id);
  const [form, setForm] = useState<PlaceText | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (place && !form) {
      setForm({
        name: place.name,
        address: place.address,
        postcode: place.postcode ?? '',
        city: place.city,
        meetingPlace: place.meetingPlace,
        latitude: typed(place.latitude),
        longitude: typed(place.longitude),
      });
    }
  }, [place, form]);
  const save = useApiMutation<PlaceText & { description: string }, Place>('PUT', `/directory/locations/${id}`, {
    invalidates: ['/directory/organizations', '/directory/services'],
    onSuccess: () => setSaved(true),
  });
  const err = (name: string) => fieldError(name, save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (form && place) save.mutate({ ...form, description: place.description });
  };
  return (
    <StaffShell>
      <p>
        <Link to="/medewerkers/sociale-kaart">Terug naar de sociale kaart</Link>
      </p>
      <Heading1>{place ? `Plek wijzigen: ${place.name}` : 'Plek wijzigen'}</Heading1>
      <ProblemAlert error={places.error} />
      <Loading loading={places.loading && !places.data}>
        {places.data && !place ? <Paragraph>Deze plek bestaat niet (meer).</Paragraph> : null}
        {form ? (
          <form onSubmit={submit} className="vn-form" aria-label="Plek wijzigen" noValidate>
            <ErrorSummary error={save.error} fields={placeFields} />
            <Done>{saved && 'De plek is opgeslagen. Inwoners zien de nieuwe afstand meteen.'}</Done>
            <PlaceFields form={form} setForm={(v) => setForm({ ...form, ...v })} err={err} />
            <div>
              <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
                Opslaan
              </Button>
            </div>
          </form>
        ) : null}
      </Loading>
    </StaffShell>
  );
}
