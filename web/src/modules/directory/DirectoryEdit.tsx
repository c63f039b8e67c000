import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Loading, ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { audienceLabels, helpKindLabels, themeLabels } from '../../../../src/modules/directory/contract.ts';
import type { Entry, HourRow, Organizations, ServiceBody, ServiceForm } from './directoryShared.ts';
import { ScheduleFields } from './ScheduleFields.tsx';

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

/** Adding or changing a service: its texts, themes, audiences and consultation hours. */
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
            <ScheduleFields hours={hours} setHours={setHours} locations={places.data?.locations ?? []} errorOf={err} />
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
