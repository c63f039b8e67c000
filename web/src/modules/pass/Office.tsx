import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api, query } from '../../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../../components.tsx';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { StatementDownload } from './Cashier.tsx';
import { ageGroupLabels, applicationStatusLabels, euro, formatPassNumber, householdTypeLabels, parseEuro, passStatusLabels, routeLabels, SelectField } from './shared.tsx';

interface ApplicationRow {
  id: string;
  reference: string;
  route: string;
  status: string;
  applicantName: string;
  householdType: string;
  children: number;
  monthlyIncomeCents: number | null;
  eligible: boolean | null;
  checkReason: string;
  decisionReason: string | null;
  createdAt: string;
}

/** The pass office: the applications to decide on, with the outcome of the income check and its reason. */
export function PassApplications() {
  const [status, setStatus] = useState('submitted');
  const list = useLoad(() => api<ApplicationRow[]>('GET', `/pass/applications${query({ status })}`), [status]);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const decide = async (a: ApplicationRow, approve: boolean) => {
    setError(null);
    setMessage(null);
    try {
      const result = await api<{ status: string; pass: { number: string } | null }>('POST', `/pass/applications/${a.id}/decision`, { approve, reason: reasons[a.id] || null });
      setMessage(result.pass ? `Aanvraag ${a.reference} toegekend. Pasnummer ${formatPassNumber(result.pass.number)}.` : `Aanvraag ${a.reference} afgewezen.`);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <StaffShell>
      <Heading1>Dordtpas: aanvragen</Heading1>
      <Paragraph>Controleer inkomen, huishouden en mantelzorg. De uitkomst van de inkomenstoets en de reden staan bij elke aanvraag.</Paragraph>
      <div className="vn-filters">
        <SelectField id="status" label="Status" value={status} onChange={setStatus}>
          {Object.entries(applicationStatusLabels).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
      </div>
      <ProblemAlert error={list.error ?? error} />
      {message && (
        <div className="vn-success" role="status">
          <Paragraph>{message}</Paragraph>
        </div>
      )}
      <Loading loading={list.loading}>
        <Table>
          <caption className="vn-caption">{list.data?.length ?? 0} aanvragen</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Aanvraag</TableHeaderCell>
              <TableHeaderCell scope="col">Aanvrager</TableHeaderCell>
              <TableHeaderCell scope="col">Route</TableHeaderCell>
              <TableHeaderCell scope="col">Huishouden</TableHeaderCell>
              <TableHeaderCell scope="col">Inkomenstoets</TableHeaderCell>
              <TableHeaderCell scope="col">Besluit</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(list.data ?? []).map((a) => (
              <TableRow key={a.id}>
                <TableCell>
                  {a.reference}
                  <br />
                  {formatDateTime(a.createdAt)}
                </TableCell>
                <TableCell>{a.applicantName}</TableCell>
                <TableCell>{routeLabels[a.route] ?? a.route}</TableCell>
                <TableCell>
                  {householdTypeLabels[a.householdType] ?? a.householdType}, {a.children} {a.children === 1 ? 'kind' : 'kinderen'}
                </TableCell>
                <TableCell>{a.checkReason}</TableCell>
                <TableCell>
                  {a.status === 'submitted' ? (
                    <div className="vn-decision">
                      <label htmlFor={`reason-${a.id}`}>Toelichting bij {a.reference}</label>
                      <input id={`reason-${a.id}`} className="utrecht-textbox" value={reasons[a.id] ?? ''} onChange={(e) => setReasons((r) => ({ ...r, [a.id]: e.target.value }))} />
                      <Button type="button" appearance="primary-action-button" onClick={() => decide(a, true)}>
                        Toekennen: {a.reference}
                      </Button>
                      <Button type="button" appearance="secondary-action-button" onClick={() => decide(a, false)}>
                        Afwijzen: {a.reference}
                      </Button>
                    </div>
                  ) : (
                    `${applicationStatusLabels[a.status]}${a.decisionReason ? `: ${a.decisionReason}` : ''}`
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
      <PassSearch />
    </StaffShell>
  );
}

interface PassView {
  id: string;
  number: string;
  status: string;
  route: string;
  validFrom: string;
  validTo: string;
  members: { memberNumber: number; relation: string; initials: string | null; surname: string; birthDate: string | null }[];
  budgets: { memberNumber: number; ageGroup: string; grantedCents: number; balanceCents: number; year: number }[];
}

const relationLabels: Record<string, string> = { holder: 'Pashouder', partner: 'Partner', child: 'Kind' };

function PassSearch() {
  const [number, setNumber] = useState('');
  const [pass, setPass] = useState<PassView | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = async (n: string) => setPass(await api<PassView>('POST', '/pass/passes/search', { number: n }));
  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    await load(number).catch(setError);
  };
  const setStatus = async (status: 'active' | 'blocked') => {
    setError(null);
    try {
      await api('POST', `/pass/passes/${pass!.id}/status`, { status, reason: reason || (status === 'blocked' ? 'Geblokkeerd door de pasbalie' : 'Gedeblokkeerd door de pasbalie') });
      await load(pass!.number);
      setMessage(status === 'blocked' ? 'De pas is geblokkeerd.' : 'De pas is weer actief.');
    } catch (e) {
      setError(e);
    }
  };
  const replace = async () => {
    setError(null);
    try {
      const result = await api<{ number: string; balanceCarriedCents: number }>('POST', `/pass/passes/${pass!.id}/replace`);
      setMessage(`Nieuwe pas ${formatPassNumber(result.number)}; ${euro(result.balanceCarriedCents)} kindtegoed is meegenomen.`);
      await load(result.number);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section aria-labelledby="pass-search-heading">
      <Heading2 id="pass-search-heading">Pas opzoeken</Heading2>
      <form onSubmit={search} className="vn-form" aria-label="Pas opzoeken">
        <TextField id="search-number" label="Pasnummer" value={number} onChange={setNumber} required />
        <Button type="submit" appearance="secondary-action-button">
          Zoeken
        </Button>
      </form>
      <ProblemAlert error={error} />
      {message && (
        <div className="vn-success" role="status">
          <Paragraph>{message}</Paragraph>
        </div>
      )}
      {pass && (
        <>
          <Paragraph>
            Pas {formatPassNumber(pass.number)}: {passStatusLabels[pass.status]}, {routeLabels[pass.route]}, geldig van {pass.validFrom} tot en met {pass.validTo}.
          </Paragraph>
          <Table>
            <caption className="vn-caption">Huishouden en kindtegoed</caption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Nummer</TableHeaderCell>
                <TableHeaderCell scope="col">Naam</TableHeaderCell>
                <TableHeaderCell scope="col">Rol</TableHeaderCell>
                <TableHeaderCell scope="col">Geboortedatum</TableHeaderCell>
                <TableHeaderCell scope="col">Kindtegoed</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pass.members.map((m) => {
                const budget = pass.budgets.find((b) => b.memberNumber === m.memberNumber);
                return (
                  <TableRow key={m.memberNumber}>
                    <TableCell>{m.memberNumber}</TableCell>
                    <TableCell>
                      {m.initials} {m.surname}
                    </TableCell>
                    <TableCell>{relationLabels[m.relation] ?? m.relation}</TableCell>
                    <TableCell>{m.birthDate ?? '–'}</TableCell>
                    <TableCell>{budget ? `${euro(budget.balanceCents)} van ${euro(budget.grantedCents)} (${ageGroupLabels[budget.ageGroup]})` : '–'}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {pass.status !== 'lost' && (
            <div className="vn-form">
              <TextField id="status-reason" label="Reden (voor blokkeren of deblokkeren)" value={reason} onChange={setReason} />
              {pass.status === 'active' ? (
                <Button type="button" appearance="secondary-action-button" onClick={() => setStatus('blocked')}>
                  Pas blokkeren
                </Button>
              ) : (
                <Button type="button" appearance="secondary-action-button" onClick={() => setStatus('active')}>
                  Pas deblokkeren
                </Button>
              )}
              <Button type="button" appearance="secondary-action-button" onClick={replace}>
                Verloren: nieuwe pas maken
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

interface Configuration {
  norms: { id: string; householdType: string; validFrom: string; monthlyNormCents: number; source: string }[];
  rules: { validFrom: string; incomeLimitPercent: number; primaryBudgetCents: number; secondaryBudgetCents: number; primaryFromAge: number; secondaryFromAge: number; budgetUntilAge: number; purchasePriceCents: number; volunteerPriceCents: number }[];
  categories: { code: string; name: string; childBudgetAllowed: boolean }[];
}

/** The norm table and rules as data: a new period is added with its start date; nothing is overwritten silently. */
function RulesForm({ current, onSaved }: { current: Configuration['rules'][number] | undefined; onSaved: () => void }) {
  const [form, setForm] = useState({
    validFrom: '',
    incomeLimitPercent: String(current?.incomeLimitPercent ?? 140),
    primary: current ? (current.primaryBudgetCents / 100).toFixed(2).replace('.', ',') : '300,00',
    secondary: current ? (current.secondaryBudgetCents / 100).toFixed(2).replace('.', ',') : '500,00',
  });
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api('PUT', '/pass/rules', {
        municipalityCode: 'GM0505',
        validFrom: form.validFrom,
        incomeLimitPercent: Number(form.incomeLimitPercent),
        primaryBudgetCents: parseEuro(form.primary),
        secondaryBudgetCents: parseEuro(form.secondary),
        primaryFromAge: current?.primaryFromAge ?? 4,
        secondaryFromAge: current?.secondaryFromAge ?? 12,
        budgetUntilAge: current?.budgetUntilAge ?? 18,
        purchasePriceCents: current?.purchasePriceCents ?? 5000,
        volunteerPriceCents: current?.volunteerPriceCents ?? 2500,
      });
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <Heading2>Regels vanaf een datum</Heading2>
      <ProblemAlert error={error} />
      <form onSubmit={submit} className="vn-form" aria-label="Regels vastleggen">
        <TextField id="rules-from" label="Geldig vanaf" type="date" value={form.validFrom} onChange={(v) => setForm((f) => ({ ...f, validFrom: v }))} required />
        <TextField id="rules-limit" label="Inkomensgrens in procent van de bijstandsnorm" value={form.incomeLimitPercent} onChange={(v) => setForm((f) => ({ ...f, incomeLimitPercent: v }))} required />
        <TextField id="rules-primary" label="Kindtegoed basisschoolleeftijd in euro" value={form.primary} onChange={(v) => setForm((f) => ({ ...f, primary: v }))} required />
        <TextField id="rules-secondary" label="Kindtegoed middelbareschoolleeftijd in euro" value={form.secondary} onChange={(v) => setForm((f) => ({ ...f, secondary: v }))} required />
        <Button type="submit" appearance="primary-action-button">
          Regels opslaan
        </Button>
      </form>
    </>
  );
}

export function PassNorms() {
  const config = useLoad(() => api<Configuration>('GET', '/pass/configuration'), []);
  const [form, setForm] = useState({ householdType: 'single', validFrom: '', amount: '', source: '' });
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const cents = parseEuro(form.amount);
    try {
      await api('PUT', '/pass/norms', { municipalityCode: 'GM0505', householdType: form.householdType, validFrom: form.validFrom, monthlyNormCents: cents, source: form.source });
      setMessage('De norm is opgeslagen.');
      config.reload();
    } catch (e) {
      setError(e);
    }
  };
  const toggle = async (code: string, allowed: boolean) => {
    await api('PUT', `/pass/categories/${code}`, { childBudgetAllowed: allowed }).catch(setError);
    config.reload();
  };
  const rules = config.data?.rules[0];
  return (
    <StaffShell>
      <Heading1>Dordtpas: normen en regels</Heading1>
      <ProblemAlert error={config.error ?? error} />
      {message && (
        <div className="vn-success" role="status">
          <Paragraph>{message}</Paragraph>
        </div>
      )}
      <Loading loading={config.loading}>
        {rules && (
          <Paragraph>
            Vanaf {rules.validFrom}: gratis tot {rules.incomeLimitPercent}% van de bijstandsnorm. Kindtegoed {euro(rules.primaryBudgetCents)} ({rules.primaryFromAge} tot {rules.secondaryFromAge} jaar) en{' '}
            {euro(rules.secondaryBudgetCents)} ({rules.secondaryFromAge} tot {rules.budgetUntilAge} jaar), leeftijd op 1 januari. Prijs {euro(rules.purchasePriceCents)}, voor vrijwilligers{' '}
            {euro(rules.volunteerPriceCents)}.
          </Paragraph>
        )}
        <Table>
          <caption className="vn-caption">Bijstandsnormen per huishoudtype (netto per maand)</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Huishouden</TableHeaderCell>
              <TableHeaderCell scope="col">Geldig vanaf</TableHeaderCell>
              <TableHeaderCell scope="col">Norm</TableHeaderCell>
              <TableHeaderCell scope="col">Grens ({rules?.incomeLimitPercent ?? 140}%)</TableHeaderCell>
              <TableHeaderCell scope="col">Bron</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(config.data?.norms ?? []).map((n) => (
              <TableRow key={n.id}>
                <TableCell>{householdTypeLabels[n.householdType] ?? n.householdType}</TableCell>
                <TableCell>{n.validFrom}</TableCell>
                <TableCell>{euro(n.monthlyNormCents)}</TableCell>
                <TableCell>{euro(Math.floor((n.monthlyNormCents * (rules?.incomeLimitPercent ?? 140)) / 100))}</TableCell>
                <TableCell>{n.source}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <form onSubmit={submit} className="vn-form" aria-label="Norm vastleggen">
          <SelectField id="norm-type" label="Huishoudtype" value={form.householdType} onChange={(v) => setForm((f) => ({ ...f, householdType: v }))}>
            {Object.entries(householdTypeLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </SelectField>
          <TextField id="norm-from" label="Geldig vanaf" type="date" value={form.validFrom} onChange={(v) => setForm((f) => ({ ...f, validFrom: v }))} required />
          <TextField id="norm-amount" label="Norm per maand in euro" value={form.amount} onChange={(v) => setForm((f) => ({ ...f, amount: v }))} required />
          <TextField id="norm-source" label="Bron" value={form.source} onChange={(v) => setForm((f) => ({ ...f, source: v }))} required />
          <Button type="submit" appearance="primary-action-button">
            Norm opslaan
          </Button>
        </form>
        {config.data && <RulesForm current={rules} onSaved={() => (setMessage('De regels zijn opgeslagen.'), config.reload())} />}
        <Table>
          <caption className="vn-caption">Categorieën</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Categorie</TableHeaderCell>
              <TableHeaderCell scope="col">Met kindtegoed?</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(config.data?.categories ?? []).map((c) => (
              <TableRow key={c.code}>
                <TableCell>{c.name}</TableCell>
                <TableCell>
                  <div className="vn-check">
                    <input id={`cat-${c.code}`} type="checkbox" checked={c.childBudgetAllowed} onChange={(e) => toggle(c.code, e.target.checked)} />
                    <label htmlFor={`cat-${c.code}`}>{c.name} mag met kindtegoed</label>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
    </StaffShell>
  );
}

interface ProviderRow {
  id: string;
  organisationId: string;
  name: string;
  kind: string;
  active: boolean;
  offers: { id: string; title: string; category: string; priceCents: number | null }[];
}
const providerKindLabels: Record<string, string> = { shop: 'Winkel', sports_club: 'Sportvereniging', music_school: 'Muziekschool', culture: 'Cultuur', other: 'Overig' };

interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
}
interface CategoryRow {
  code: string;
  name: string;
}

export function PassProviders() {
  const list = useLoad(() => api<ProviderRow[]>('GET', '/pass/providers'), []);
  const organisations = useLoad(() => api<OrganisationRow[]>('GET', '/organisations'), []);
  const info = useLoad(() => api<{ categories: CategoryRow[] }>('GET', '/pass/public-info'), []);
  const [join, setJoin] = useState({ organisationId: '', kind: 'sports_club' });
  const [offer, setOffer] = useState({ providerId: '', title: '', category: 'sport', price: '' });
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const candidates = (organisations.data ?? []).filter((o) => o.kind === 'provider' && !(list.data ?? []).some((p) => p.organisationId === o.id));
  const submitJoin = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const organisation = organisations.data?.find((o) => o.id === join.organisationId);
    try {
      await api('POST', '/pass/providers', { organisationId: join.organisationId, municipalityCode: 'GM0505', name: organisation?.name ?? '', kind: join.kind });
      setMessage(`${organisation?.name} is aangesloten.`);
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  const submitOffer = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api('POST', `/pass/providers/${offer.providerId}/offers`, { title: offer.title, category: offer.category, priceCents: offer.price ? parseEuro(offer.price) : null });
      setMessage(`Aanbod "${offer.title}" is toegevoegd.`);
      setOffer((o) => ({ ...o, title: '', price: '' }));
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <StaffShell>
      <Heading1>Dordtpas: aanbieders</Heading1>
      <ProblemAlert error={list.error ?? error} />
      {message && (
        <div className="vn-success" role="status">
          <Paragraph>{message}</Paragraph>
        </div>
      )}
      <Loading loading={list.loading}>
        <Table>
          <caption className="vn-caption">Aangesloten aanbieders en hun aanbod</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Aanbieder</TableHeaderCell>
              <TableHeaderCell scope="col">Soort</TableHeaderCell>
              <TableHeaderCell scope="col">Aanbod</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(list.data ?? []).map((p) => (
              <TableRow key={p.id}>
                <TableCell>{p.name}</TableCell>
                <TableCell>{providerKindLabels[p.kind] ?? p.kind}</TableCell>
                <TableCell>{p.offers.map((o) => `${o.title}${o.priceCents ? ` (${euro(o.priceCents)})` : ''}`).join('; ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Heading2>Aanbod toevoegen</Heading2>
        <form onSubmit={submitOffer} className="vn-form" aria-label="Aanbod toevoegen">
          <SelectField id="offer-provider" label="Aanbieder" value={offer.providerId} onChange={(v) => setOffer((o) => ({ ...o, providerId: v }))} required>
            <option value="">Kies een aanbieder</option>
            {(list.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <TextField id="offer-title" label="Omschrijving" value={offer.title} onChange={(v) => setOffer((o) => ({ ...o, title: v }))} required />
          <SelectField id="offer-category" label="Categorie" value={offer.category} onChange={(v) => setOffer((o) => ({ ...o, category: v }))}>
            {(info.data?.categories ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <TextField id="offer-price" label="Prijs in euro (niet verplicht)" value={offer.price} onChange={(v) => setOffer((o) => ({ ...o, price: v }))} />
          <Button type="submit" appearance="primary-action-button">
            Aanbod toevoegen
          </Button>
        </form>
        {candidates.length > 0 && (
          <>
            <Heading2>Aanbieder aansluiten</Heading2>
            <form onSubmit={submitJoin} className="vn-form" aria-label="Aanbieder aansluiten">
              <SelectField id="join-organisation" label="Organisatie (soort aanbieder)" value={join.organisationId} onChange={(v) => setJoin((j) => ({ ...j, organisationId: v }))} required>
                <option value="">Kies een organisatie</option>
                {candidates.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </SelectField>
              <SelectField id="join-kind" label="Soort aanbieder" value={join.kind} onChange={(v) => setJoin((j) => ({ ...j, kind: v }))}>
                {Object.entries(providerKindLabels).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </SelectField>
              <Button type="submit" appearance="primary-action-button">
                Aansluiten
              </Button>
            </form>
          </>
        )}
        {(list.data ?? []).map((p) => (
          <StatementDownload key={p.id} providerId={p.id} title={`Uitbetalingsoverzicht ${p.name}`} />
        ))}
      </Loading>
    </StaffShell>
  );
}

interface CampaignResult {
  code: string;
  eligible: number;
  credited: number;
  alreadyCredited: number;
  amountCents: number;
}

export function PassCampaigns() {
  const year = new Date().getFullYear();
  const [form, setForm] = useState({ code: `kindcadeau-${year}`, name: 'Kindcadeau december', year: String(year), amount: '25,00' });
  const [result, setResult] = useState<CampaignResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setResult(await api<CampaignResult>('POST', '/pass/campaigns', { code: form.code, name: form.name, year: Number(form.year), amountCents: parseEuro(form.amount) }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <StaffShell>
      <Heading1>Dordtpas: eenmalige bijdrage</Heading1>
      <Paragraph>Een extra bedrag voor elk kind met kindtegoed, zoals het kindcadeau van €25 in december 2020. Elk kind krijgt de bijdrage één keer, ook als u dit twee keer uitvoert.</Paragraph>
      <ProblemAlert error={error} />
      {result && (
        <div className="vn-success" role="status">
          <Paragraph>
            {result.credited} kinderen kregen {euro(result.amountCents)}. {result.alreadyCredited} kinderen hadden deze bijdrage al.
          </Paragraph>
        </div>
      )}
      <form onSubmit={submit} className="vn-form" aria-label="Eenmalige bijdrage uitvoeren">
        <TextField id="c-code" label="Code (uniek)" value={form.code} onChange={(v) => setForm((f) => ({ ...f, code: v }))} required />
        <TextField id="c-name" label="Naam" value={form.name} onChange={(v) => setForm((f) => ({ ...f, name: v }))} required />
        <TextField id="c-year" label="Pasjaar" value={form.year} onChange={(v) => setForm((f) => ({ ...f, year: v }))} required />
        <TextField id="c-amount" label="Bedrag per kind in euro" value={form.amount} onChange={(v) => setForm((f) => ({ ...f, amount: v }))} required />
        <Button type="submit" appearance="primary-action-button">
          Bijdrage uitvoeren
        </Button>
      </form>
    </StaffShell>
  );
}

interface Metric {
  measure: string;
  areaCode: string | null;
  month: string;
  value: number;
}

export function PassFigures() {
  const now = new Date();
  const month = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const [range, setRange] = useState({ fromMonth: month, toMonth: month });
  const figures = useLoad(() => api<Metric[]>('GET', `/pass/figures${query(range)}`), [range]);
  const totals = new Map<string, number>();
  for (const m of figures.data ?? []) if (m.month === range.toMonth) totals.set(m.measure, (totals.get(m.measure) ?? 0) + m.value);
  return (
    <StaffShell>
      <Heading1>Dordtpas: bereik en besteding</Heading1>
      <Paragraph>Ter vergelijking: in 2020 ontvingen 7.836 volwassenen de pas (80% van de doelgroep) en 3.666 kinderen, van wie 3.191 het kindtegoed gebruikten.</Paragraph>
      <div className="vn-filters">
        <TextField id="f-from" label="Van maand (JJJJ-MM)" value={range.fromMonth} onChange={(v) => setRange((r) => ({ ...r, fromMonth: v }))} />
        <TextField id="f-to" label="Tot en met maand (JJJJ-MM)" value={range.toMonth} onChange={(v) => setRange((r) => ({ ...r, toMonth: v }))} />
      </div>
      <ProblemAlert error={figures.error} />
      <Loading loading={figures.loading}>
        <Table>
          <caption className="vn-caption">Totaal over alle wijken in {range.toMonth}</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Maat</TableHeaderCell>
              <TableHeaderCell scope="col">Waarde</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {[...totals.entries()].sort().map(([measure, value]) => (
              <TableRow key={measure}>
                <TableCell>{measure}</TableCell>
                <TableCell>{measure.includes('cents') ? euro(value) : value.toLocaleString('nl-NL')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
    </StaffShell>
  );
}
