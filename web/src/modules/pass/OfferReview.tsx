import { Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { offer as offerSchema, offerReviewList, publicOffers } from '../../../../src/modules/pass/offerContract.ts';
import type { Json } from '../../../../src/platform/contract.ts';
import { Loading, ProblemAlert } from '../../components.tsx';
import { ConfirmButton } from '../../confirm.tsx';
import { Done, ErrorSummary, fieldError, type FieldErrors } from '../../forms.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import { forWhom, kindLabels, where } from './offerShared.ts';
import { euro, TextAreaField, useLocalChecks } from './shared.tsx';

type Review = Json<typeof offerReviewList>[number];
type Areas = Json<typeof publicOffers>['areas'];

/** The pass office's work list: each submitted offer, approved or rejected with a reason, asked first. */
export function PassOfferReview() {
  const list = useApi<Review[]>('/pass/offers/review');
  const lists = useApi<Json<typeof publicOffers>>('/pass/offers/public');
  const [message, setMessage] = useState<string | null>(null);
  return (
    <StaffShell>
      <Heading1>Dordtpas: aanbod beoordelen</Heading1>
      <Paragraph>Aanbieders melden aanbod en kortingen aan. Na goedkeuring staat het op de aanbodpagina en kan het aan de kassa betaald worden.</Paragraph>
      <ProblemAlert error={list.error} />
      <Done>{message}</Done>
      <Loading loading={list.loading}>
        {(list.data ?? []).length === 0 && <Paragraph>Er is geen aanbod dat op beoordeling wacht.</Paragraph>}
        {(list.data ?? []).map((o) => (
          <OfferToReview key={o.id} offer={o} areas={lists.data?.areas ?? []} onDone={setMessage} />
        ))}
      </Loading>
    </StaffShell>
  );
}

function OfferToReview({ offer, areas, onDone }: { offer: Review; areas: Areas; onDone: (message: string | null) => void }) {
  const [reason, setReason] = useState('');
  const decide = useApiMutation<{ approve: boolean; reason?: string }, Json<typeof offerSchema>>('POST', `/pass/offers/${offer.id}/decision`, {
    invalidates: ['/pass/offers/review', '/pass/offers/public'],
  });
  const reasonId = `r-${offer.id}`;
  const formId = `reject-${offer.id}`;
  const fields = { reason: { id: reasonId, label: 'Reden van afwijzing' } };
  const checks: FieldErrors =
    reason.trim().length >= 3 ? {} : { reason: 'Geef de reden van de afwijzing in een paar woorden. De aanbieder krijgt die te zien.' };
  const local = useLocalChecks(fields, checks);
  const price = offer.kind === 'discount' ? offer.discountText : offer.priceCents ? euro(offer.priceCents) : 'geen prijs';
  const run = async (approve: boolean) => {
    onDone(null);
    try {
      await decide.mutateAsync(approve ? { approve } : { approve, reason: reason.trim() });
      onDone(approve ? `"${offer.title}" is goedgekeurd en staat nu op de aanbodpagina.` : `"${offer.title}" is afgewezen. De aanbieder ziet de reden.`);
    } catch {
      // In the summary and next to the field.
    }
  };
  return (
    <section aria-labelledby={`h-${offer.id}`}>
      <Heading2 id={`h-${offer.id}`}>{offer.title}</Heading2>
      <Paragraph>
        {offer.providerName} · {kindLabels[offer.kind]}: {price} · {forWhom(offer)} · {where(offer.areaCodes, areas)}
        {offer.validUntil ? ` · tot en met ${offer.validUntil.split('-').reverse().join('-')}` : ''}
      </Paragraph>
      {offer.description && <Paragraph>{offer.description}</Paragraph>}
      <ConfirmButton
        label={`${offer.title} goedkeuren`}
        title="Aanbod goedkeuren?"
        consequence={`"${offer.title}" van ${offer.providerName} komt op de aanbodpagina en kan aan de kassa betaald worden.`}
        confirmLabel="Ja, keur het goed"
        disabled={decide.isPending}
        onConfirm={() => run(true)}
      />
      <form id={formId} onSubmit={(e) => e.preventDefault()} className="vn-form" aria-label={`${offer.title} afwijzen`} {...local.formProps}>
        <ErrorSummary error={decide.error} local={local.errors} fields={fields} />
        <TextAreaField
          id={reasonId}
          label="Reden van afwijzing"
          description="De aanbieder ziet deze reden."
          value={reason}
          onChange={setReason}
          error={fieldError('reason', decide.error, local.errors)}
        />
        <ConfirmButton
          form={formId}
          appearance="secondary-action-button"
          label={`${offer.title} afwijzen`}
          title="Aanbod afwijzen?"
          consequence={`"${offer.title}" komt niet op de aanbodpagina. ${offer.providerName} ziet de reden: ${reason.trim()}`}
          confirmLabel="Ja, wijs het af"
          disabled={decide.isPending}
          beforeOpen={local.attempt}
          onConfirm={() => run(false)}
        />
      </form>
    </section>
  );
}
