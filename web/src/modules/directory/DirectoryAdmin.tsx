import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Loading, ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { formatPosition, PlaceForm } from './Places.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { dordrechtWijken } from '../../../../src/platform/areas.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import {
  audienceLabels,
  helpKindLabels,
  themeLabels,
  weekdayLabels,
  type directoryEntry,
  type directoryOrganizationsResult,
  type directorySearchResult,
} from '../../../../src/modules/directory/contract.ts';

type Entry = Json<typeof directoryEntry>;
type Organizations = Json<typeof directoryOrganizationsResult>;

const wijkNames: Record<string, string> = Object.fromEntries(dordrechtWijken.map((w) => [w.code, w.name]));
const serviceFields: FieldMap = {
  organizationId: { id: 'd-org', label: 'Organisatie' },
  name: { id: 'd-name', label: 'Naam van de dienst' },
  description: { id: 'd-description', label: 'Beschrijving' },
  howToApply: { id: 'd-apply', label: 'Zo komt u in contact' },
  phone: { id: 'd-phone', label: 'Telefoon' },
  email: { id: 'd-email', label: 'E-mail' },
  url: { id: 'd-url', label: 'Website' },
  themes: { id: 'theme-money', label: 'Onderwerpen' },
  audiences: { id: 'audience-residents', label: 'Voor wie' },
  schedules: { id: 'add-hour', label: 'Spreekuren' },
};

type ServiceForm = Pick<Entry, 'name' | 'description' | 'audiences' | 'themes' | 'helpKind' | 'howToApply' | 'active'> & {
  email: string;
  phone: string;
  url: string;
};
type ServiceBody = ServiceForm & {
  schedules: {
    weekday: number;
    opensAt: string;
    closesAt: string;
    mobile: boolean;
    note: string;
    locationId: string | null;
    validFrom: string | null;
    validUntil: string | null;
  }[];
};

const emptyForm: ServiceForm = {
  name: '',
  description: '',
  audiences: ['residents'],
  themes: ['money'],
  helpKind: 'volunteer',
  email: '',
  phone: '',
  url: '',
  howToApply: '',
  active: true,
};

export function DirectoryList() {
  const { data, error, loading } = useApi<Json<typeof directorySearchResult>>('/directory/services?includeInactive=true');
  const places = useApi<Organizations>('/directory/organizations');
  return (
    <StaffShell>
      <Heading1>Sociale kaart beheren</Heading1>
      <Paragraph>
        De hulp op GeldenzoDordt: organisaties, diensten en spreekuren. Inwoners zien dit op <a href="/hulp">de pagina Hulp zoeken</a>.
      </Paragraph>
      <Paragraph>
        <Link to="/medewerkers/sociale-kaart/nieuw">Nieuwe dienst toevoegen</Link>
      </Paragraph>
      <ProblemAlert error={error} />
      <Loading loading={loading}>
        <Table>
          <caption className="vn-caption">{data?.items.length ?? 0} diensten</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Dienst</TableHeaderCell>
              <TableHeaderCell scope="col">Organisatie</TableHeaderCell>
              <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
              <TableHeaderCell scope="col">Spreekuren</TableHeaderCell>
              <TableHeaderCell scope="col">Status</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data?.items.map((e) => (
              <TableRow key={e.id}>
                <TableCell>
                  <Link to={`/medewerkers/sociale-kaart/${e.id}`}>{e.name}</Link>
                </TableCell>
                <TableCell>{e.organization.name}</TableCell>
                <TableCell>{e.themes.map((t) => themeLabels[t]).join(', ')}</TableCell>
                <TableCell>{e.schedules.length}</TableCell>
                <TableCell>{e.active ? 'Zichtbaar' : 'Verborgen'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <Heading2>Plekken</Heading2>
      <Paragraph>Waar spreekuren worden gehouden. De wijk volgt uit de postcode.</Paragraph>
      <ProblemAlert error={places.error} />
      <Loading loading={places.loading && !places.data}>
        <Table>
          <caption className="vn-caption">{places.data?.locations.length ?? 0} plekken</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Plek</TableHeaderCell>
              <TableHeaderCell scope="col">Adres</TableHeaderCell>
              <TableHeaderCell scope="col">Wijk</TableHeaderCell>
              <TableHeaderCell scope="col">Positie</TableHeaderCell>
              <TableHeaderCell scope="col">Ontmoetingsplek</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {places.data?.locations.map((l) => (
              <TableRow key={l.id}>
                <TableCell>
                  <Link to={`/medewerkers/sociale-kaart/plekken/${l.id}`}>{l.name}</Link>
                </TableCell>
                <TableCell>
                  {l.address}
                  {l.postcode ? `, ${l.postcode}` : ''}
                </TableCell>
                <TableCell>{l.areaCode ? (wijkNames[l.areaCode] ?? l.areaCode) : '–'}</TableCell>
                <TableCell>{formatPosition(l)}</TableCell>
                <TableCell>{l.meetingPlace ? 'ja' : 'nee'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <Heading2>Plek toevoegen</Heading2>
      <PlaceForm organizations={places.data?.organizations ?? []} />
      <Heading2>Zoekwoorden</Heading2>
      <Paragraph>
        Woorden die inwoners gebruiken maar die niet in de teksten staan, zoals voedselbank of huurachterstand:{' '}
        <Link to="/medewerkers/sociale-kaart/zoekwoorden">Zoekwoorden beheren</Link>.
      </Paragraph>
    </StaffShell>
  );
}

interface HourRow {
  weekday: number;
  opensAt: string;
  closesAt: string;
  mobile: boolean;
  note: string;
  locationId: string;
  validFrom: string;
  validUntil: string;
}

function Checkboxes<T extends string>({
  legend,
  options,
  value,
  onChange,
  name,
}: {
  legend: string;
  name: string;
  options: Record<T, string>;
  value: T[];
  onChange: (v: T[]) => void;
}) {
  return (
    <fieldset className="vn-fieldset">
      <legend>{legend}</legend>
      {(Object.entries(options) as [T, string][]).map(([code, label]) => (
        <div key={code} className="vn-check">
          <input
            type="checkbox"
            className="utrecht-checkbox"
            id={`${name}-${code}`}
            checked={value.includes(code)}
            onChange={(e) => onChange(e.target.checked ? [...value, code] : value.filter((v) => v !== code))}
          />
          <label htmlFor={`${name}-${code}`}>{label}</label>
        </div>
      ))}
    </fieldset>
  );
}

export function DirectoryEdit() {
  const { id } = useParams();
  const isNew = id === 'nieuw';
  const navigate = useNavigate();
  const entry = useApi<Entry>(isNew ? null : `/directory/services/${id}`);
  const places = useApi<Organizations>('/directory/organizations');
  const [organizationId, setOrganizationId] = useState('');
  const [form, setForm] = useState<ServiceForm | null>(null);
  const [hours, setHours] = useState<HourRow[]>([]);
  const [local, setLocal] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const create = useApiMutation<ServiceBody & { organizationId: string }, Entry>('POST', '/directory/services', {
    invalidates: ['/directory/services'],
    onSuccess: (created) => navigate(`/medewerkers/sociale-kaart/${created.id}`),
  });
  const update = useApiMutation<ServiceBody, Entry>('PUT', `/directory/services/${id}`, {
    invalidates: ['/directory/services'],
    onSuccess: () => setSaved(true),
  });
  const error = create.error ?? update.error;
  const err = (name: string) => fieldError(name, error, local);
  useEffect(() => {
    if (isNew) {
      setForm(emptyForm);
      setHours([]);
      return;
    }
    const e = entry.data;
    if (!e) return;
    setForm({
      name: e.name,
      description: e.description,
      audiences: e.audiences,
      themes: e.themes,
      helpKind: e.helpKind,
      email: e.email ?? '',
      phone: e.phone ?? '',
      url: e.url ?? '',
      howToApply: e.howToApply,
      active: e.active,
    });
    setHours(
      e.schedules.map((s) => ({
        weekday: s.weekday,
        opensAt: s.opensAt,
        closesAt: s.closesAt,
        mobile: s.mobile,
        note: s.note,
        locationId: s.location?.id ?? '',
        validFrom: s.validFrom ?? '',
        validUntil: s.validUntil ?? '',
      })),
    );
  }, [entry.data, isNew]);
  const set =
    <K extends keyof NonNullable<typeof form>>(key: K) =>
    (value: NonNullable<typeof form>[K]) =>
      setForm((f) => (f ? { ...f, [key]: value } : f));
  const setHour = (i: number, patch: Partial<HourRow>) => setHours((h) => h.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    setSaved(false);
    const errors: FieldErrors = {};
    if (isNew && !organizationId) errors.organizationId = 'Kies eerst de organisatie van de dienst.';
    if (!form.name.trim()) errors.name = 'Geef de dienst een naam.';
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body: ServiceBody = {
      ...form,
      schedules: hours.map((h) => ({ ...h, locationId: h.locationId || null, validFrom: h.validFrom || null, validUntil: h.validUntil || null })),
    };
    if (isNew) create.mutate({ ...body, organizationId });
    else update.mutate(body);
  };
  return (
    <StaffShell>
      <Heading1>{isNew ? 'Nieuwe dienst' : entry.data ? `${entry.data.name} wijzigen` : 'Dienst wijzigen'}</Heading1>
      <Paragraph>
        <Link to="/medewerkers/sociale-kaart">Terug naar de sociale kaart</Link>
      </Paragraph>
      <ProblemAlert error={entry.error ?? places.error} />
      <Loading loading={!isNew && entry.loading && !form}>
        {form && (
          <form onSubmit={submit} className="vn-form" aria-label="Dienst wijzigen" noValidate>
            <ErrorSummary error={error} local={local} fields={serviceFields} />
            <Done>{saved && 'De wijzigingen zijn opgeslagen. Inwoners zien ze meteen op de pagina Hulp zoeken.'}</Done>
            {isNew ? (
              <Field id="d-org" label="Organisatie" error={err('organizationId')}>
                {(aria) => (
                  <select {...aria} className="utrecht-select" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
                    <option value="">Kies een organisatie</option>
                    {places.data?.organizations.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : (
              <Paragraph>Organisatie: {entry.data?.organization.name}</Paragraph>
            )}
            <TextInput id="d-name" label="Naam van de dienst" value={form.name} error={err('name')} onChange={set('name')} required />
            <Field id="d-description" label="Beschrijving (taalniveau B1)" error={err('description')}>
              {(aria) => (
                <textarea {...aria} className="utrecht-textarea" rows={5} value={form.description} onChange={(e) => set('description')(e.target.value)} />
              )}
            </Field>
            <div className="vn-field">
              <label htmlFor="d-apply">Zo komt u in contact</label>
              <textarea id="d-apply" className="utrecht-textarea" rows={2} value={form.howToApply} onChange={(e) => set('howToApply')(e.target.value)} />
            </div>
            <TextInput id="d-phone" label="Telefoon" type="tel" value={form.phone} error={err('phone')} onChange={set('phone')} />
            <TextInput id="d-email" label="E-mail" type="email" value={form.email} error={err('email')} onChange={set('email')} />
            <TextInput id="d-url" label="Website" value={form.url} error={err('url')} onChange={set('url')} />
            <Checkboxes legend="Onderwerpen" name="theme" options={themeLabels} value={form.themes} onChange={set('themes')} />
            <Checkboxes legend="Voor wie" name="audience" options={audienceLabels} value={form.audiences} onChange={set('audiences')} />
            <div className="vn-field">
              <label htmlFor="d-kind">Soort hulp</label>
              <select id="d-kind" className="utrecht-select" value={form.helpKind} onChange={(e) => set('helpKind')(e.target.value as ServiceForm['helpKind'])}>
                {Object.entries(helpKindLabels).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
            <div className="vn-check">
              <input type="checkbox" className="utrecht-checkbox" id="d-active" checked={form.active} onChange={(e) => set('active')(e.target.checked)} />
              <label htmlFor="d-active">Zichtbaar voor inwoners</label>
            </div>
            <Heading2>Spreekuren</Heading2>
            {hours.map((h, i) => (
              <fieldset key={i} className="vn-fieldset">
                <legend>Spreekuur {i + 1}</legend>
                <div className="vn-field">
                  <label htmlFor={`h-day-${i}`}>Dag</label>
                  <select id={`h-day-${i}`} className="utrecht-select" value={h.weekday} onChange={(e) => setHour(i, { weekday: Number(e.target.value) })}>
                    {weekdayLabels.slice(1).map((d, j) => (
                      <option key={d} value={j + 1}>
                        {d}
                      </option>
                    ))}
                  </select>
                </div>
                <TextInput
                  id={`h-open-${i}`}
                  label="Van (uu:mm)"
                  value={h.opensAt}
                  error={err(`schedules.${i}.opensAt`)}
                  onChange={(v) => setHour(i, { opensAt: v })}
                />
                <TextInput
                  id={`h-close-${i}`}
                  label="Tot (uu:mm)"
                  value={h.closesAt}
                  error={err(`schedules.${i}.closesAt`)}
                  onChange={(v) => setHour(i, { closesAt: v })}
                />
                <div className="vn-field">
                  <label htmlFor={`h-place-${i}`}>Plek</label>
                  <select id={`h-place-${i}`} className="utrecht-select" value={h.locationId} onChange={(e) => setHour(i, { locationId: e.target.value })}>
                    <option value="">Geen vaste plek (telefonisch of online)</option>
                    {places.data?.locations.map((l) => (
                      <option key={l.id} value={l.id}>
                        {l.name}, {l.address}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="vn-check">
                  <input
                    type="checkbox"
                    className="utrecht-checkbox"
                    id={`h-mobile-${i}`}
                    checked={h.mobile}
                    onChange={(e) => setHour(i, { mobile: e.target.checked })}
                  />
                  <label htmlFor={`h-mobile-${i}`}>Mobiel spreekuur op een ontmoetingsplek</label>
                </div>
                <TextInput id={`h-note-${i}`} label="Toelichting" value={h.note} error={err(`schedules.${i}.note`)} onChange={(v) => setHour(i, { note: v })} />
                <TextInput
                  id={`h-from-${i}`}
                  label="Geldig vanaf (niet verplicht)"
                  type="date"
                  value={h.validFrom}
                  error={err(`schedules.${i}.validFrom`)}
                  onChange={(v) => setHour(i, { validFrom: v })}
                />
                <Button type="button" appearance="secondary-action-button" onClick={() => setHours((rows) => rows.filter((_, j) => j !== i))}>
                  Spreekuur {i + 1} verwijderen
                </Button>
              </fieldset>
            ))}
            <Button
              id="add-hour"
              type="button"
              appearance="secondary-action-button"
              onClick={() =>
                setHours((rows) => [
                  ...rows,
                  { weekday: 1, opensAt: '09:00', closesAt: '12:00', mobile: false, note: '', locationId: '', validFrom: '', validUntil: '' },
                ])
              }
            >
              Spreekuur toevoegen
            </Button>
            <div>
              <Button type="submit" appearance="primary-action-button" disabled={create.isPending || update.isPending}>
                {isNew ? 'Dienst toevoegen' : 'Opslaan'}
              </Button>{' '}
              <Button type="button" appearance="subtle-button" onClick={() => navigate('/medewerkers/sociale-kaart')}>
                Annuleren
              </Button>
            </div>
          </form>
        )}
      </Loading>
    </StaffShell>
  );
}
