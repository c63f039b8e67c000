import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { cashierInfo, cashierLookup, receipt } from '../../../../src/modules/pass/contract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { amountInput, formatDate, formatDateTime } from '../../format.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { PassScanner } from './PassScanner.tsx';
import { Refund } from './Refund.tsx';
import { ageGroupLabels, euro, newIdempotencyKey, parseEuro, SelectField, useLocalChecks } from './shared.tsx';
import { StatementDownload } from './StatementDownload.tsx';

export { StatementDownload } from './StatementDownload.tsx';

type CashierInfo = Json<typeof cashierInfo>;
type Lookup = Json<typeof cashierLookup>;
export type Receipt = Json<typeof receipt>;

const lookupFields: FieldMap = { passNumber: { id: 'pass-number', label: 'Pasnummer' } };
const chargeFields: FieldMap = {
  memberNumber: { id: 'member', label: 'Kind' },
  offerId: { id: 'offer', label: 'Aanbod' },
  category: { id: 'category', label: 'Categorie' },
  amountCents: { id: 'amount', label: 'Bedrag in euro' },
};

/** What happened, in one sentence: "€ 12,50 afgeschreven van het kindtegoed van A. (kind 2) voor Sport; nog € 87,50 over." */
export function receiptSentence(r: Receipt, initials?: string): string {
  const child = initials ? `${initials} (kind ${r.memberNumber})` : `kind ${r.memberNumber}`;
  const what = r.offer ?? r.category;
  if (r.kind === 'refund') return `${euro(r.amountCents)} teruggeboekt op het kindtegoed van ${child}; nu ${euro(r.balanceAfterCents)} over.`;
  const rest = r.otherPaymentCents > 0 ? ` Nog te betalen op een andere manier: ${euro(r.otherPaymentCents)}.` : '';
  const sentence = `${euro(r.amountCents)} afgeschreven van het kindtegoed van ${child}${what ? ` voor ${what}` : ''}; nog ${euro(r.balanceAfterCents)} over.${rest}`;
  return r.replayed ? `${sentence} Deze betaling was al verwerkt: er is niets extra afgeschreven.` : sentence;
}

function ReceiptView({ receipt, initials }: { receipt: Receipt; initials?: string }) {
  return (
    <section className="vn-receipt" aria-labelledby="receipt-heading">
      <Done>{receiptSentence(receipt, initials)}</Done>
      <Heading2 id="receipt-heading">
        {receipt.kind === 'charge' ? 'Betaald' : 'Teruggeboekt'}: bon {receipt.receiptNumber}
      </Heading2>
      <Paragraph>
        {receipt.provider} · pas eindigend op {receipt.passNumberEnd}, kind {receipt.memberNumber} · {receipt.offer ?? receipt.category} ·{' '}
        {euro(receipt.amountCents)} · nog over: <strong data-testid="balance-after">{euro(receipt.balanceAfterCents)}</strong> ·{' '}
        {formatDateTime(receipt.occurredAt)}
      </Paragraph>
      {receipt.otherPaymentCents > 0 && (
        <Paragraph>
          Prijs {euro(receipt.priceCents)}, betaald met kindtegoed {euro(receipt.amountCents)}. Nog te betalen op een andere manier:{' '}
          <strong data-testid="other-payment">{euro(receipt.otherPaymentCents)}</strong>
        </Paragraph>
      )}
    </section>
  );
}

/** The provider's till: check the pass, choose the child and what is bought, confirm, charge; refunds and the payout statement below. */
export function PassCashier() {
  const info = useApi<CashierInfo>('/pass/cashier');
  const [passNumber, setPassNumber] = useState('');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [member, setMember] = useState('');
  const [offerId, setOfferId] = useState('');
  const [category, setCategory] = useState('');
  const [amount, setAmount] = useState('');
  const [receipt, setReceipt] = useState<{ receipt: Receipt; initials?: string } | null>(null);
  // One key per intended charge: a double click or a retried request is not charged twice.
  const [chargeKey, setChargeKey] = useState(newIdempotencyKey);

  const check = useApiMutation<{ passNumber: string }, Lookup>('POST', '/pass/cashier/lookup', {
    onSuccess: (found) => {
      setLookup(found);
      setMember((m) => (found.children.some((c) => String(c.memberNumber) === m) ? m : found.children[0] ? String(found.children[0].memberNumber) : ''));
    },
  });
  const charge = useApiMutation<Record<string, unknown>, Receipt>('POST', '/pass/charges', { invalidates: ['/pass/cashier'] });

  const cents = parseEuro(amount);
  const chargeChecks: FieldErrors = {};
  if (!member) chargeChecks.memberNumber = 'Kies het kind.';
  if (!offerId && !category) chargeChecks.category = 'Kies een categorie, of kies een aanbod.';
  if (!amount.trim()) chargeChecks.amountCents = 'Vul het bedrag in, bijvoorbeeld 12,50.';
  else if (cents === null || cents === 0) chargeChecks.amountCents = 'Schrijf het bedrag als 12,50.';
  const local = useLocalChecks(chargeFields, chargeChecks);

  const child = lookup?.children.find((c) => String(c.memberNumber) === member);
  const offer = info.data?.offers.find((o) => o.id === offerId);
  const categoryName = offer ? offer.title : info.data?.categories.find((c) => c.code === category)?.name;
  // Split payment: the budget pays what it has, the rest is paid another way (the server takes what is there at that moment).
  const split = cents !== null && child !== undefined && child.balanceCents > 0 && cents > child.balanceCents;
  const consequence =
    cents === null || !child
      ? 'Het bedrag gaat af van het kindtegoed.'
      : split
        ? `${euro(child.balanceCents)} gaat af van het kindtegoed van ${child.initials} (kind ${child.memberNumber})${categoryName ? ` voor ${categoryName}` : ''}. Het kindtegoed is dan op. De klant betaalt de rest, ${euro(cents - child.balanceCents)}, op een andere manier.`
        : `${euro(cents)} gaat af van het kindtegoed van ${child.initials} (kind ${child.memberNumber})${categoryName ? ` voor ${categoryName}` : ''}. Daarna is er nog ${euro(child.balanceCents - cents)} over.`;

  const checkPass = (number: string) => {
    setReceipt(null);
    setLookup(null);
    charge.reset();
    check.mutate({ passNumber: number });
  };
  const submitLookup = (event: FormEvent) => {
    event.preventDefault();
    checkPass(passNumber);
  };
  // A scanned QR code fills in the number and checks the pass at once.
  const scanned = (number: string) => {
    setPassNumber(number);
    checkPass(number);
  };

  const doCharge = async () => {
    try {
      const result = await charge.mutateAsync({
        passNumber,
        memberNumber: Number(member),
        offerId: offerId || null,
        category: offerId ? null : category || null,
        amountCents: cents,
        idempotencyKey: chargeKey,
        split,
      });
      setReceipt({ receipt: result, initials: child?.initials });
      setAmount('');
      local.reset();
      check.mutate({ passNumber });
    } catch {
      // The error shows in the summary and at its field.
    } finally {
      // A refusal is final for this attempt; the next try is a new charge.
      setChargeKey(newIdempotencyKey());
    }
  };

  const chooseOffer = (id: string) => {
    setOfferId(id);
    const chosen = info.data?.offers.find((o) => o.id === id);
    if (chosen?.priceCents) setAmount(amountInput(chosen.priceCents));
  };

  return (
    <StaffShell>
      <Heading1>Kassa Dordtpas</Heading1>
      <Loading loading={info.loading}>
        <Paragraph>{info.data ? `Aanbieder: ${info.data.name}.` : ''} Betalen met kindtegoed kan alleen voor leermiddelen, sport en cultuur.</Paragraph>
      </Loading>
      <ProblemAlert error={info.error} />
      {receipt && <ReceiptView receipt={receipt.receipt} initials={receipt.initials} />}
      <PassScanner onScan={scanned} />
      <form onSubmit={submitLookup} className="vn-form" aria-label="Pas controleren" noValidate>
        <ErrorSummary error={check.error} fields={lookupFields} />
        <TextInput
          id="pass-number"
          label="Pasnummer"
          value={passNumber}
          onChange={setPassNumber}
          required
          inputMode="numeric"
          description="De tien cijfers op de pas."
          error={fieldError('passNumber', check.error)}
        />
        <Button type="submit" appearance="secondary-action-button" disabled={check.isPending}>
          Pas controleren
        </Button>
      </form>
      {lookup && (
        <section aria-labelledby="pass-heading">
          <Heading2 id="pass-heading">Pas {lookup.usable ? 'is geldig' : 'kan niet gebruikt worden'}</Heading2>
          {lookup.reason && <Paragraph>{lookup.reason}</Paragraph>}
          {lookup.usable && lookup.children.length === 0 && <Paragraph>Op deze pas staat geen kindtegoed.</Paragraph>}
          {lookup.usable && lookup.children.length > 0 && (
            <>
              <Table>
                <caption className="vn-caption">Kindtegoed op deze pas (geldig tot en met {formatDate(lookup.validTo)})</caption>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Kind (nummer op de pas)</TableHeaderCell>
                    <TableHeaderCell scope="col">Leeftijdsgroep</TableHeaderCell>
                    <TableHeaderCell scope="col">Saldo</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {lookup.children.map((c) => (
                    <TableRow key={c.memberNumber}>
                      <TableCell>
                        {c.initials} ({c.memberNumber})
                      </TableCell>
                      <TableCell>{ageGroupLabels[c.ageGroup] ?? c.ageGroup}</TableCell>
                      <TableCell>{euro(c.balanceCents)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              <form id="charge-form" onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label="Afrekenen met kindtegoed" {...local.formProps}>
                <ErrorSummary error={charge.error} local={local.errors} fields={chargeFields} />
                <SelectField
                  id="member"
                  label="Kind"
                  value={member}
                  onChange={setMember}
                  required
                  error={fieldError('memberNumber', charge.error, local.errors)}
                >
                  {lookup.children.map((c) => (
                    <option key={c.memberNumber} value={c.memberNumber}>
                      {c.initials} ({c.memberNumber}), saldo {euro(c.balanceCents)}
                    </option>
                  ))}
                </SelectField>
                <SelectField id="offer" label="Aanbod" value={offerId} onChange={chooseOffer} error={fieldError('offerId', charge.error, local.errors)}>
                  <option value="">Andere aankoop (kies een categorie)</option>
                  {(info.data?.offers ?? []).map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.title}
                      {o.priceCents ? ` (${euro(o.priceCents)})` : ''}
                    </option>
                  ))}
                </SelectField>
                {!offerId && (
                  <SelectField
                    id="category"
                    label="Categorie"
                    value={category}
                    onChange={setCategory}
                    required
                    error={fieldError('category', charge.error, local.errors)}
                  >
                    <option value="">Kies een categorie</option>
                    {(info.data?.categories ?? []).map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                        {c.childBudgetAllowed ? '' : ' (niet met kindtegoed)'}
                      </option>
                    ))}
                  </SelectField>
                )}
                <TextInput
                  id="amount"
                  label="Bedrag in euro"
                  value={amount}
                  onChange={setAmount}
                  required
                  inputMode="decimal"
                  description="Bijvoorbeeld 12,50."
                  error={fieldError('amountCents', charge.error, local.errors)}
                />
                {split && child && cents !== null && (
                  <Paragraph data-testid="split-notice">
                    Het kindtegoed is niet genoeg voor {euro(cents)}. Het kindtegoed betaalt {euro(child.balanceCents)}; de klant betaalt{' '}
                    {euro(cents - child.balanceCents)} op een andere manier.
                  </Paragraph>
                )}
                <ConfirmButton
                  form="charge-form"
                  label="Afrekenen"
                  title="Afrekenen met kindtegoed?"
                  consequence={consequence}
                  confirmLabel="Ja, reken af"
                  disabled={charge.isPending}
                  onConfirm={doCharge}
                />
              </form>
            </>
          )}
        </section>
      )}
      <Refund onDone={(r) => setReceipt({ receipt: r })} />
      {info.data && <StatementDownload providerId={info.data.id} />}
    </StaffShell>
  );
}
