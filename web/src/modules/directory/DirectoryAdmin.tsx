import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { dordrechtWijken } from '../../../../src/platform/areas.ts';

const themeLabels: Record<string, string> = { money: 'Geld en schulden', work: 'Werk', children: 'Kinderen', health: 'Gezondheid', housing: 'Wonen' };
const audienceLabels: Record<string, string> = { residents: 'Inwoners', entrepreneurs: 'Ondernemers', young_people: 'Jongeren' };
const helpKindLabels: Record<string, string> = {
  information: 'Informatie en hulpmiddelen',
  volunteer: 'Hulp van een vrijwilliger',
  social_work: 'Hulp van een professional',
  debt_help: 'Schuldhulp van de gemeente',
};
const wijkNames: Record<string, string> = Object.fromEntries(dordrechtWijken.map((w) => [w.code, w.name]));
const weekdays = ['', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'];

interface Schedule {
  weekday: number;
  opensAt: string;
  closesAt: string;
  mobile: boolean;
  note: string;
  validFrom: string | null;
  validUntil: string | null;
  location: { id: string; name: string } | null;
}
interface Entry {
  id: string;
  code: string;
  name: string;
  description: string;
  audiences: string[];
  themes: string[];
  helpKind: string;
  email: string | null;
  phone: string | null;
  url: string | null;
  howToApply: string;
  active: boolean;
  organization: { name: string };
  schedules: Schedule[];
}
interface Location {
  id: string;
  name: string;
  address: string;
}
interface Organization {
  id: string;
  name: string;
}

const emptyForm = { name: '', description: '', audiences: ['residents'], themes: ['money'], helpKind: 'volunteer', email: '', phone: '', url: '', howToApply: '', active: true };

interface Place {
  id: string;
  name: string;
  address: string;
  postcode: string | null;
  areaCode: string | null;
  meetingPlace: boolean;
}

/** Adding a place, e.g. a library or community centre for a mobile consultation hour. */
function PlaceForm({ organizations, onAdded }: { organizations: Organization[]; onAdded: () => void }) {
  const empty = { organizationId: '', name: '', address: '', postcode: '', city: 'Dordrecht', meetingPlace: true };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setAdded(null);
    try {
      const place = await api<Place>('POST', '/directory/locations', form);
      setAdded(place.name);
      setForm(empty);
      onAdded();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit} className="vn-form" aria-label="Plek toevoegen">
      <div className="vn-field">
        <label htmlFor="p-org">Organisatie van de plek</label>
        <select id="p-org" className="utrecht-select" value={form.organizationId} onChange={(e) => setForm({ ...form, organizationId: e.target.value })}>
          <option value="">Kies een organisatie</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <TextField id="p-name" label="Naam van de plek" value={form.name} onChange={(name) => setForm({ ...form, name })} />
      <TextField id="p-address" label="Straat en huisnummer" value={form.address} onChange={(address) => setForm({ ...form, address })} />
      <TextField id="p-postcode" label="Postcode" value={form.postcode} onChange={(postcode) => setForm({ ...form, postcode })} />
      <TextField id="p-city" label="Plaats" value={form.city} onChange={(city) => setForm({ ...form, city })} />
      <div className="vn-check">
        <input type="checkbox" className="utrecht-checkbox" id="p-meeting" checked={form.meetingPlace} onChange={(e) => setForm({ ...form, meetingPlace: e.target.checked })} />
        <label htmlFor="p-meeting">Ontmoetingsplek (voor mobiele spreekuren)</label>
      </div>
      <ProblemAlert error={error} />
      {added && (
        <Paragraph className="vn-success" role="status">
          Plek toegevoegd: {added}.
        </Paragraph>
      )}
      <div>
        <Button type="submit" appearance="primary-action-button">
          Plek toevoegen
        </Button>
      </div>
    </form>
  );
}

export function DirectoryList() {
  const { data, error, loading } = useLoad(() => api<{ items: Entry[] }>('GET', '/directory/services?includeInactive=true'), []);
  const places = useLoad(() => api<{ locations: Place[]; organizations: Organization[] }>('GET', '/directory/organizations'), []);
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
                <TableCell>{e.themes.map((t) => themeLabels[t] ?? t).join(', ')}</TableCell>
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
              <TableHeaderCell scope="col">Ontmoetingsplek</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {places.data?.locations.map((l) => (
              <TableRow key={l.id}>
                <TableCell>{l.name}</TableCell>
                <TableCell>
                  {l.address}
                  {l.postcode ? `, ${l.postcode}` : ''}
                </TableCell>
                <TableCell>{l.areaCode ? (wijkNames[l.areaCode] ?? l.areaCode) : '–'}</TableCell>
                <TableCell>{l.meetingPlace ? 'ja' : 'nee'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <Heading2>Plek toevoegen</Heading2>
      <PlaceForm organizations={places.data?.organizations ?? []} onAdded={places.reload} />
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

function Checkboxes({ legend, options, value, onChange, name }: { legend: string; name: string; options: Record<string, string>; value: string[]; onChange: (v: string[]) => void }) {
  return (
    <fieldset className="vn-fieldset">
      <legend>{legend}</legend>
      {Object.entries(options).map(([code, label]) => (
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
  const entry = useLoad(() => (isNew ? Promise.resolve(null) : api<Entry>('GET', `/directory/services/${id}`)), [id]);
  const places = useLoad(() => api<{ locations: Location[]; organizations: Organization[] }>('GET', '/directory/organizations'), []);
  const [organizationId, setOrganizationId] = useState('');
  const [form, setForm] = useState<Omit<Entry, 'id' | 'code' | 'organization' | 'schedules' | 'email' | 'phone' | 'url'> & { email: string; phone: string; url: string } | null>(null);
  const [hours, setHours] = useState<HourRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (isNew) {
      setForm(emptyForm);
      setHours([]);
      return;
    }
    const e = entry.data;
    if (!e) return;
    setForm({ name: e.name, description: e.description, audiences: e.audiences, themes: e.themes, helpKind: e.helpKind, email: e.email ?? '', phone: e.phone ?? '', url: e.url ?? '', howToApply: e.howToApply, active: e.active });
    setHours(e.schedules.map((s) => ({ weekday: s.weekday, opensAt: s.opensAt, closesAt: s.closesAt, mobile: s.mobile, note: s.note, locationId: s.location?.id ?? '', validFrom: s.validFrom ?? '', validUntil: s.validUntil ?? '' })));
  }, [entry.data, isNew]);
  const set = <K extends keyof NonNullable<typeof form>>(key: K) => (value: NonNullable<typeof form>[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const setHour = (i: number, patch: Partial<HourRow>) => setHours((h) => h.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    if (isNew && !organizationId) {
      setError(new ApiError({ status: 400, code: 'validation_failed', title: 'Kies eerst een organisatie.' }));
      return;
    }
    setError(null);
    setSaved(false);
    const body = {
      ...form,
      schedules: hours.map((h) => ({ ...h, locationId: h.locationId || null, validFrom: h.validFrom || null, validUntil: h.validUntil || null })),
    };
    try {
      if (isNew) {
        const created = await api<Entry>('POST', '/directory/services', { ...body, organizationId });
        navigate(`/medewerkers/sociale-kaart/${created.id}`);
        return;
      }
      await api('PUT', `/directory/services/${id}`, body);
      setSaved(true);
      entry.reload();
    } catch (err) {
      setError(err);
    }
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
          <form onSubmit={submit} className="vn-form" aria-label="Dienst wijzigen">
            {isNew ? (
              <div className="vn-field">
                <label htmlFor="d-org">Organisatie</label>
                <select id="d-org" className="utrecht-select" value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
                  <option value="">Kies een organisatie</option>
                  {places.data?.organizations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <Paragraph>Organisatie: {entry.data?.organization.name}</Paragraph>
            )}
            <TextField id="d-name" label="Naam van de dienst" value={form.name} onChange={set('name')} required />
            <div className="vn-field">
              <label htmlFor="d-description">Beschrijving (taalniveau B1)</label>
              <textarea id="d-description" className="utrecht-textarea" rows={5} value={form.description} onChange={(e) => set('description')(e.target.value)} />
            </div>
            <div className="vn-field">
              <label htmlFor="d-apply">Zo komt u in contact</label>
              <textarea id="d-apply" className="utrecht-textarea" rows={2} value={form.howToApply} onChange={(e) => set('howToApply')(e.target.value)} />
            </div>
            <TextField id="d-phone" label="Telefoon" value={form.phone} onChange={set('phone')} />
            <TextField id="d-email" label="E-mail" type="email" value={form.email} onChange={set('email')} />
            <TextField id="d-url" label="Website" value={form.url} onChange={set('url')} />
            <Checkboxes legend="Onderwerpen" name="theme" options={themeLabels} value={form.themes} onChange={set('themes')} />
            <Checkboxes legend="Voor wie" name="audience" options={audienceLabels} value={form.audiences} onChange={set('audiences')} />
            <div className="vn-field">
              <label htmlFor="d-kind">Soort hulp</label>
              <select id="d-kind" className="utrecht-select" value={form.helpKind} onChange={(e) => set('helpKind')(e.target.value)}>
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
                    {weekdays.slice(1).map((d, j) => (
                      <option key={d} value={j + 1}>
                        {d}
                      </option>
                    ))}
                  </select>
                </div>
                <TextField id={`h-open-${i}`} label="Van (uu:mm)" value={h.opensAt} onChange={(v) => setHour(i, { opensAt: v })} />
                <TextField id={`h-close-${i}`} label="Tot (uu:mm)" value={h.closesAt} onChange={(v) => setHour(i, { closesAt: v })} />
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
                  <input type="checkbox" className="utrecht-checkbox" id={`h-mobile-${i}`} checked={h.mobile} onChange={(e) => setHour(i, { mobile: e.target.checked })} />
                  <label htmlFor={`h-mobile-${i}`}>Mobiel spreekuur op een ontmoetingsplek</label>
                </div>
                <TextField id={`h-note-${i}`} label="Toelichting" value={h.note} onChange={(v) => setHour(i, { note: v })} />
                <TextField id={`h-from-${i}`} label="Geldig vanaf (niet verplicht)" type="date" value={h.validFrom} onChange={(v) => setHour(i, { validFrom: v })} />
                <Button type="button" appearance="secondary-action-button" onClick={() => setHours((rows) => rows.filter((_, j) => j !== i))}>
                  Spreekuur {i + 1} verwijderen
                </Button>
              </fieldset>
            ))}
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => setHours((rows) => [...rows, { weekday: 1, opensAt: '09:00', closesAt: '12:00', mobile: false, note: '', locationId: '', validFrom: '', validUntil: '' }])}
            >
              Spreekuur toevoegen
            </Button>
            <ProblemAlert error={error} />
            {saved && (
              <Paragraph className="vn-success" role="status">
                De wijzigingen zijn opgeslagen.
              </Paragraph>
            )}
            <div>
              <Button type="submit" appearance="primary-action-button">
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
