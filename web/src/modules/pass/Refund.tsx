import { Button, Heading2 } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { ErrorSummary, fieldError, TextInput, type FieldErrors, type FieldMap } from '../../forms.tsx';
import { useApiMutation } from '../../query.tsx';
import type { Receipt } from './Cashier.tsx';
import { newIdempotencyKey, parseEuro, useLocalChecks } from './shared.tsx';

const fields: FieldMap = {
  receiptNumber: { id: 'refund-receipt', label: 'Bonnummer' },
  amountCents: { id: 'refund-amount', label: 'Bedrag in euro' },
};

/** A charge (partly) given back to the child budget, by its receipt number. */
export function Refund({ onDone }: { onDone: (r: Receipt) => void }) {
  const [receiptNumber, setReceiptNumber] = useState('');
  const [amount, setAmount] = useState('');
  const [refundKey, setRefundKey] = useState(newIdempotencyKey);
  const refund = useApiMutation<Record<string, unknown>, Receipt>('POST', '/pass/refunds', { invalidates: ['/pass/cashier'] });
  const checks: FieldErrors = {};
  if (!receiptNumber.trim()) checks.receiptNumber = 'Vul het bonnummer in. Het staat op de bon, bijvoorbeeld B1A2B3C4D5E6.';
  if (amount.trim() && !parseEuro(amount)) checks.amountCents = 'Schrijf het bedrag als 12,50, of laat het leeg om alles terug te boeken.';
  const local = useLocalChecks(fields, checks);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!local.attempt()) return;
    try {
      onDone(await refund.mutateAsync({ receiptNumber, amountCents: amount.trim() ? parseEuro(amount) : null, idempotencyKey: refundKey }));
      setReceiptNumber('');
      setAmount('');
      local.reset();
    } catch {
      // Shown in the summary and at the field.
    } finally {
      setRefundKey(newIdempotencyKey());
    }
  };
  return (
    <section aria-labelledby="refund-heading">
      <Heading2 id="refund-heading">Terugboeken</Heading2>
      <form onSubmit={submit} className="vn-form" aria-label="Betaling terugboeken" {...local.formProps}>
        <ErrorSummary error={refund.error} local={local.errors} fields={fields} />
        <TextInput
          id="refund-receipt"
          label="Bonnummer"
          value={receiptNumber}
          onChange={setReceiptNumber}
          required
          error={fieldError('receiptNumber', refund.error, local.errors)}
        />
        <TextInput
          id="refund-amount"
          label="Bedrag in euro (leeg: alles)"
          value={amount}
          onChange={setAmount}
          inputMode="decimal"
          error={fieldError('amountCents', refund.error, local.errors)}
        />
        <Button type="submit" appearance="secondary-action-button" disabled={refund.isPending}>
          Terugboeken
        </Button>
      </form>
    </section>
  );
}
