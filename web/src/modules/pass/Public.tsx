import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../../components.tsx';
import { formatDateTime } from '../../labels.ts';
import { PublicShell } from '../../layout/Shells.tsx';
import { ageGroupLabels, applicationStatusLabels, euro, formatPassNumber, parseEuro, passStatusLabels, routeLabels, SelectField, transactionKindLabels } from './shared.tsx';

interface PublicInfo {
  rules: { incomeLimitPercent: number; primaryBudgetCents: number; secondaryBudgetCents: number; purchasePriceCents: number; volunteerPriceCents: number } | null;
  categories: { code: string; name: string; childBudgetAllowed: boolean }[];
  volunteerOrganisations: { id: string; name: string }[];
}
interface Outcome {
  reference: string;
  accessCode: string | null;
  eligible: boolean | null;
  reason: string;
}
interface Child {
  initials: string;
  surname: string;
  birthDate: string;
}

/** The residents' application page: what the pass is, who gets it free, and the form. */
export function PassApply() {
  const info = useLoad(() => api<PublicInfo>('GET', '/pass/public-info'), []);
  const [route, setRoute] = useState('income');
  const [applicant, setApplicant] = useState({ initials: '', surname: '', birthDate: '', street: '', houseNumber: '', postcode: '', city: 'Dordrecht', email: '' });
  const [hasPartner, setHasPartner] = useState(false);
  const [partner, setPartner] = useState({ initials: '', surname: '', birthDate: '' });
  const [children, setChildren] = useState<Child[]>([]);
  const [income, setIncome] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof applicant) => (value: string) => setApplicant((a) => ({ ...a, [key]: value }));
  const rules = info.data?.rules;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const cents = route === 'income' ? parseEuro(income) : null;
    if (route === 'income' && cents === null) {
      setError({ problem: { status: 400, code: 'validation_failed', title: 'Vul uw inkomen in.', detail: 'Schrijf het bedrag als 1850 of 1850,00.' } });
      return;
    }
    setBusy(true);
    try {
      const result = await api<Outcome>('POST', '/pass/applications', {
        route,
        applicant: { ...applicant, email: applicant.email || null },
        partner: hasPartner ? partner : null,
        children,
        monthlyNetIncomeCents: cents,
        volunteerOrganisationId: route === 'volunteer' ? organisation || null : null,
      });
      setOutcome(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (outcome) {
    return (
      <PublicShell>
        <Heading1>Uw aanvraag is ontvangen</Heading1>
        <div className="vn-success" role="status">
          <Paragraph>{outcome.reason}</Paragraph>
        </div>
        {outcome.accessCode ? (
          <>
            <Heading2>Bewaar deze gegevens</Heading2>
            <Paragraph>Hiermee ziet u later of uw pas klaar is, en hoeveel kindtegoed er nog is. De code ziet u maar één keer.</Paragraph>
            <dl className="vn-codes">
              <dt>Aanvraagnummer</dt>
              <dd data-testid="reference">{outcome.reference}</dd>
              <dt>Uw code</dt>
              <dd data-testid="access-code">{outcome.accessCode}</dd>
            </dl>
          </>
        ) : (
          <Paragraph>
            Aanvraag {outcome.reference} is ingevoerd door een consulent en staat in de werklijst. De inwoner krijgt de pas per post.
          </Paragraph>
        )}
        <Paragraph>
          Een consulent controleert uw gegevens. Daarna ziet u uw pas op <Link to="/dordtpas/mijn-pas">Mijn Dordtpas</Link>.
        </Paragraph>
      </PublicShell>
    );
  }

  return (
    <PublicShell>
      <Heading1>Dordtpas aanvragen</Heading1>
      <Paragraph>
        Met de Dordtpas doet u mee in de stad: korting op sport, cultuur en uitjes. Heeft u een laag inkomen, dan is de pas gratis
        {rules ? ` (tot ${rules.incomeLimitPercent}% van het sociaal minimum)` : ''}. Kinderen krijgen dan ook kindtegoed
        {rules ? `: ${euro(rules.primaryBudgetCents)} per jaar op de basisschool en ${euro(rules.secondaryBudgetCents)} op de middelbare school` : ''}. Dat
        tegoed is voor {info.data?.categories.filter((c) => c.childBudgetAllowed).map((c) => c.name.toLowerCase()).join(', ') ?? 'leermiddelen, sport en cultuur'}.
      </Paragraph>
      <Paragraph>Mantelzorgers krijgen de pas ook gratis. Vrijwilligersorganisaties kopen de pas voor hun vrijwilligers. Iedereen anders kan de pas kopen.</Paragraph>
      <Paragraph>
        Al aangevraagd? Kijk op <Link to="/dordtpas/mijn-pas">Mijn Dordtpas</Link>.
      </Paragraph>
      <ProblemAlert error={info.error ?? error} />
      <form onSubmit={submit} className="vn-form" aria-label="Aanvraag Dordtpas">
        <SelectField id="route" label="Waarom vraagt u de pas aan?" value={route} onChange={setRoute}>
          {Object.entries(routeLabels).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        {route === 'volunteer' && (
          <SelectField id="organisation" label="Uw vrijwilligersorganisatie" value={organisation} onChange={setOrganisation} required>
            <option value="">Kies een organisatie</option>
            {(info.data?.volunteerOrganisations ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
        )}
        <fieldset className="vn-fieldset">
          <legend>Uw gegevens</legend>
          <TextField id="a-initials" label="Voorletters" value={applicant.initials} onChange={set('initials')} required autoComplete="given-name" />
          <TextField id="a-surname" label="Achternaam" value={applicant.surname} onChange={set('surname')} required autoComplete="family-name" />
          <TextField id="a-birth" label="Geboortedatum" type="date" value={applicant.birthDate} onChange={set('birthDate')} required autoComplete="bday" />
          <TextField id="a-street" label="Straat" value={applicant.street} onChange={set('street')} required autoComplete="address-line1" />
          <TextField id="a-number" label="Huisnummer" value={applicant.houseNumber} onChange={set('houseNumber')} required />
          <TextField id="a-postcode" label="Postcode" value={applicant.postcode} onChange={set('postcode')} required autoComplete="postal-code" />
          <TextField id="a-city" label="Woonplaats" value={applicant.city} onChange={set('city')} required autoComplete="address-level2" />
          <TextField id="a-email" label="E-mailadres (niet verplicht)" type="email" value={applicant.email} onChange={set('email')} autoComplete="email" />
        </fieldset>
        <fieldset className="vn-fieldset">
          <legend>Uw huishouden</legend>
          <div className="vn-check">
            <input id="has-partner" type="checkbox" checked={hasPartner} onChange={(e) => setHasPartner(e.target.checked)} />
            <label htmlFor="has-partner">Ik ben getrouwd of woon samen</label>
          </div>
          {hasPartner && (
            <>
              <TextField id="p-initials" label="Voorletters partner" value={partner.initials} onChange={(v) => setPartner((p) => ({ ...p, initials: v }))} required />
              <TextField id="p-surname" label="Achternaam partner" value={partner.surname} onChange={(v) => setPartner((p) => ({ ...p, surname: v }))} required />
              <TextField id="p-birth" label="Geboortedatum partner" type="date" value={partner.birthDate} onChange={(v) => setPartner((p) => ({ ...p, birthDate: v }))} required />
            </>
          )}
          {children.map((child, i) => (
            <fieldset key={i} className="vn-fieldset">
              <legend>Kind {i + 1}</legend>
              <TextField id={`c-${i}-initials`} label={`Voorletters kind ${i + 1}`} value={child.initials} onChange={(v) => setChildren((cs) => cs.map((c, j) => (j === i ? { ...c, initials: v } : c)))} required />
              <TextField id={`c-${i}-surname`} label={`Achternaam kind ${i + 1}`} value={child.surname} onChange={(v) => setChildren((cs) => cs.map((c, j) => (j === i ? { ...c, surname: v } : c)))} required />
              <TextField id={`c-${i}-birth`} label={`Geboortedatum kind ${i + 1}`} type="date" value={child.birthDate} onChange={(v) => setChildren((cs) => cs.map((c, j) => (j === i ? { ...c, birthDate: v } : c)))} required />
              <Button type="button" appearance="subtle-button" onClick={() => setChildren((cs) => cs.filter((_, j) => j !== i))}>
                Kind {i + 1} weghalen
              </Button>
            </fieldset>
          ))}
          <Button type="button" appearance="secondary-action-button" onClick={() => setChildren((cs) => [...cs, { initials: '', surname: applicant.surname, birthDate: '' }])}>
            Kind toevoegen
          </Button>
        </fieldset>
        {route === 'income' && (
          <TextField
            id="income"
            label="Netto-inkomen van uw huishouden per maand, in euro"
            description="Tel alle netto-inkomsten samen: loon, uitkering, pensioen. Zonder toeslagen en kinderbijslag."
            value={income}
            onChange={setIncome}
            required
          />
        )}
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          Aanvraag versturen
        </Button>
      </form>
    </PublicShell>
  );
}

interface ResidentStatus {
  reference: string;
  route: string;
  status: string;
  checkReason: string;
  decisionReason: string | null;
  pass: { number: string; status: string; validFrom: string; validTo: string } | null;
  budgets: { memberNumber: number; initials: string; ageGroup: string; year: number; grantedCents: number; balanceCents: number }[];
  spending: { occurredAt: string; kind: string; category: string | null; amountCents: number; provider: string | null; memberNumber: number | null; description: string | null }[];
}

/** A resident looks up their own application, pass and child budgets with the reference and code from the application. */
export function MyPass() {
  const [reference, setReference] = useState('');
  const [accessCode, setAccessCode] = useState('');
  const [status, setStatus] = useState<ResidentStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await api<ResidentStatus>('POST', '/pass/status', { reference, accessCode }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <PublicShell>
      <Heading1>Mijn Dordtpas</Heading1>
      <Paragraph>Vul het aanvraagnummer en de code in die u kreeg toen u de pas aanvroeg. Dan ziet u uw pas en het kindtegoed.</Paragraph>
      <ProblemAlert error={error} />
      <form onSubmit={submit} className="vn-form" aria-label="Mijn Dordtpas bekijken">
        <TextField id="reference" label="Aanvraagnummer" value={reference} onChange={setReference} required description="Bijvoorbeeld DP-AB12CD34" />
        <TextField id="access-code" label="Code" type="password" value={accessCode} onChange={setAccessCode} required autoComplete="off" />
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          Bekijken
        </Button>
      </form>
      <Loading loading={busy}>
        {status && (
          <section aria-labelledby="status-heading">
            <Heading2 id="status-heading">Uw aanvraag: {applicationStatusLabels[status.status] ?? status.status}</Heading2>
            <Paragraph>{status.checkReason}</Paragraph>
            {status.decisionReason && <Paragraph>Toelichting van de consulent: {status.decisionReason}</Paragraph>}
            {status.pass && (
              <>
                <Heading2>Uw pas</Heading2>
                <Paragraph>
                  Pasnummer <strong data-testid="pass-number">{formatPassNumber(status.pass.number)}</strong>, {passStatusLabels[status.pass.status]?.toLowerCase()}, geldig van {status.pass.validFrom} tot en met{' '}
                  {status.pass.validTo}.
                </Paragraph>
              </>
            )}
            {status.budgets.length > 0 && (
              <Table>
                <caption className="vn-caption">Kindtegoed per kind</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Kind (nummer op de pas)</TableHeaderCell>
                    <TableHeaderCell scope="col">Leeftijdsgroep</TableHeaderCell>
                    <TableHeaderCell scope="col">Tegoed {status.budgets[0]!.year}</TableHeaderCell>
                    <TableHeaderCell scope="col">Nog te besteden</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {status.budgets.map((b) => (
                    <TableRow key={b.memberNumber}>
                      <TableCell>
                        {b.initials} ({b.memberNumber})
                      </TableCell>
                      <TableCell>{ageGroupLabels[b.ageGroup] ?? b.ageGroup}</TableCell>
                      <TableCell>{euro(b.grantedCents)}</TableCell>
                      <TableCell>{euro(b.balanceCents)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {status.spending.length > 0 && (
              <Table>
                <caption className="vn-caption">Besteed en bijgeschreven</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
                    <TableHeaderCell scope="col">Kind</TableHeaderCell>
                    <TableHeaderCell scope="col">Wat</TableHeaderCell>
                    <TableHeaderCell scope="col">Waar</TableHeaderCell>
                    <TableHeaderCell scope="col">Bedrag</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {status.spending.map((s, i) => (
                    <TableRow key={i}>
                      <TableCell>{formatDateTime(s.occurredAt)}</TableCell>
                      <TableCell>{s.memberNumber}</TableCell>
                      <TableCell>
                        {transactionKindLabels[s.kind] ?? s.kind}
                        {s.description ? `: ${s.description}` : ''}
                      </TableCell>
                      <TableCell>{s.provider ?? '–'}</TableCell>
                      <TableCell>{euro(s.kind === 'charge' ? -s.amountCents : s.amountCents)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </section>
        )}
      </Loading>
    </PublicShell>
  );
}
