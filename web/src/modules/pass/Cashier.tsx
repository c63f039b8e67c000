import { Button, Heading1, Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../../components.tsx';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { ageGroupLabels, euro, newIdempotencyKey, parseEuro, SelectField } from './shared.tsx';

interface CashierInfo {
  id: string;
  name: string;
  offers: { id: string; title: string; category: string; priceCents: number | null }[];
  categories: { code: string; name: string; childBudgetAllowed: boolean }[];
}
interface Lookup {
  passNumber: string;
  usable: boolean;
  reason: string | null;
  validTo: string;
  children: { memberNumber: number; initials: string; ageGroup: string; balanceCents: number }[];
}
interface Receipt {
  receiptNumber: string;
  kind: 'charge' | 'refund';
  provider: string;
  passNumberEnd: string;
  memberNumber: number;
  category: string | null;
  offer: string | null;
  amountCents: number;
  balanceAfterCents: number | null;
  occurredAt: string;
  replayed: boolean;
}

function ReceiptView({ receipt }: { receipt: Receipt }) {
  return (
    <div className="vn-success" role="status" aria-labelledby="receipt-heading">
      <Heading2 id="receipt-heading">{receipt.kind === 'charge' ? 'Betaald' : 'Teruggeboekt'}: bon {receipt.receiptNumber}</Heading2>
      <Paragraph>
        {receipt.provider} · pas eindigend op {receipt.passNumberEnd}, kind {receipt.memberNumber} · {receipt.offer ?? receipt.category} · {euro(receipt.amountCents)} · nog over:{' '}
        <strong data-testid="balance-after">{euro(receipt.balanceAfterCents)}</strong> · {formatDateTime(receipt.occurredAt)}
        {receipt.replayed ? ' (deze betaling was al verwerkt; er is niets extra afgeschreven)' : ''}
      </Paragraph>
    </div>
  );
}

/** The provider's till: check the pass, choose the child and what is bought, charge; refunds and the payout statement below. */
export function PassCashier() {
  const info = useLoad(() => api<CashierInfo>('GET', '/pass/cashier'), []);
  const [passNumber, setPassNumber] = useState('');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [member, setMember] = useState('');
  const [offerId, setOfferId] = useState('');
  const [category, setCategory] = useState('');
  const [amount, setAmount] = useState('');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // One key per intended charge: a double click or a retried request is not charged twice.
  const [chargeKey, setChargeKey] = useState(newIdempotencyKey);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setReceipt(null);
    setLookup(null);
    try {
      const found = await api<Lookup>('POST', '/pass/cashier/lookup', { passNumber });
      setLookup(found);
      setMember(found.children[0] ? String(found.children[0].memberNumber) : '');
    } catch (e) {
      setError(e);
    }
  };

  const charge = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const cents = parseEuro(amount);
    if (cents === null || cents <= 0) {
      setError({ problem: { status: 400, code: 'validation_failed', title: 'Het bedrag klopt niet.', detail: 'Schrijf het bedrag als 12,50.' } });
      return;
    }
    setBusy(true);
    try {
      const result = await api<Receipt>('POST', '/pass/charges', {
        passNumber,
        memberNumber: Number(member),
        offerId: offerId || null,
        category: offerId ? null : category || null,
        amountCents: cents,
        idempotencyKey: chargeKey,
      });
      setReceipt(result);
      setChargeKey(newIdempotencyKey());
      setLookup(await api<Lookup>('POST', '/pass/cashier/lookup', { passNumber }));
    } catch (e) {
      setError(e);
      // A refusal is final for this attempt; the next try is a new charge.
      setChargeKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  const chooseOffer = (id: string) => {
    setOfferId(id);
    const offer = info.data?.offers.find((o) => o.id === id);
    if (offer?.priceCents) setAmount((offer.priceCents / 100).toFixed(2).replace('.', ','));
  };

  return (
    <StaffShell>
      <Heading1>Kassa Dordtpas</Heading1>
      <Loading loading={info.loading}>
        <Paragraph>{info.data ? `Aanbieder: ${info.data.name}.` : ''} Betalen met kindtegoed kan alleen voor leermiddelen, sport en cultuur.</Paragraph>
      </Loading>
      <ProblemAlert error={info.error ?? error} />
      {receipt && <ReceiptView receipt={receipt} />}
      <form onSubmit={check} className="vn-form" aria-label="Pas controleren">
        <TextField id="pass-number" label="Pasnummer" value={passNumber} onChange={setPassNumber} required description="De tien cijfers op de pas." />
        <Button type="submit" appearance="secondary-action-button">
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
                <caption className="vn-caption">Kindtegoed op deze pas (geldig tot en met {lookup.validTo})</caption>
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
              <form onSubmit={charge} className="vn-form" aria-label="Afrekenen met kindtegoed">
                <SelectField id="member" label="Kind" value={member} onChange={setMember} required>
                  {lookup.children.map((c) => (
                    <option key={c.memberNumber} value={c.memberNumber}>
                      {c.initials} ({c.memberNumber}), saldo {euro(c.balanceCents)}
                    </option>
                  ))}
                </SelectField>
                <SelectField id="offer" label="Aanbod" value={offerId} onChange={chooseOffer}>
                  <option value="">Andere aankoop (kies een categorie)</option>
                  {(info.data?.offers ?? []).map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.title}
                      {o.priceCents ? ` (${euro(o.priceCents)})` : ''}
                    </option>
                  ))}
                </SelectField>
                {!offerId && (
                  <SelectField id="category" label="Categorie" value={category} onChange={setCategory} required>
                    <option value="">Kies een categorie</option>
                    {(info.data?.categories ?? []).map((c) => (
                      <option key={c.code} value={c.code}>
                        {c.name}
                        {c.childBudgetAllowed ? '' : ' (niet met kindtegoed)'}
                      </option>
                    ))}
                  </SelectField>
                )}
                <TextField id="amount" label="Bedrag in euro" value={amount} onChange={setAmount} required />
                <Button type="submit" appearance="primary-action-button" disabled={busy}>
                  Afrekenen
                </Button>
              </form>
            </>
          )}
        </section>
      )}
      <Refund onDone={setReceipt} />
      {info.data && <StatementDownload providerId={info.data.id} />}
    </StaffShell>
  );
}

function Refund({ onDone }: { onDone: (r: Receipt) => void }) {
  const [receiptNumber, setReceiptNumber] = useState('');
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [refundKey, setRefundKey] = useState(newIdempotencyKey);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const cents = amount ? parseEuro(amount) : null;
    try {
      onDone(await api<Receipt>('POST', '/pass/refunds', { receiptNumber, amountCents: cents, idempotencyKey: refundKey }));
      setReceiptNumber('');
      setAmount('');
    } catch (e) {
      setError(e);
    } finally {
      setRefundKey(newIdempotencyKey());
    }
  };
  return (
    <section aria-labelledby="refund-heading">
      <Heading2 id="refund-heading">Terugboeken</Heading2>
      <ProblemAlert error={error} />
      <form onSubmit={submit} className="vn-form" aria-label="Betaling terugboeken">
        <TextField id="refund-receipt" label="Bonnummer" value={receiptNumber} onChange={setReceiptNumber} required />
        <TextField id="refund-amount" label="Bedrag in euro (leeg: alles)" value={amount} onChange={setAmount} />
        <Button type="submit" appearance="secondary-action-button">
          Terugboeken
        </Button>
      </form>
    </section>
  );
}

export function StatementDownload({ providerId, title = 'Uitbetalingsoverzicht' }: { providerId: string; title?: string }) {
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const base = `/api/v1/pass/providers/${providerId}/statement?from=${from}&to=${to}`;
  return (
    <section aria-labelledby={`statement-${providerId}`}>
      <Heading2 id={`statement-${providerId}`}>{title}</Heading2>
      <div className="vn-filters">
        <TextField id={`from-${providerId}`} label="Van" type="date" value={from} onChange={setFrom} />
        <TextField id={`to-${providerId}`} label="Tot en met" type="date" value={to} onChange={setTo} />
      </div>
      <Paragraph>
        <a href={`${base}&format=csv`}>Download als CSV</a> · <a href={`${base}&format=pdf`}>Download als PDF</a>
      </Paragraph>
    </section>
  );
}
