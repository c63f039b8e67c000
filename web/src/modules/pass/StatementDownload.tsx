import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { TextInput } from '../../forms.tsx';

/** Links to a provider's payout statement over a period, as CSV (bookkeeping) or PDF. */
export function StatementDownload({ providerId, title = 'Uitbetalingsoverzicht' }: { providerId: string; title?: string }) {
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const base = `/api/v1/pass/providers/${providerId}/statement?from=${from}&to=${to}`;
  return (
    <section aria-labelledby={`statement-${providerId}`}>
      <Heading2 id={`statement-${providerId}`}>{title}</Heading2>
      <div className="vn-filters">
        <TextInput id={`from-${providerId}`} label="Van" type="date" value={from} onChange={setFrom} />
        <TextInput id={`to-${providerId}`} label="Tot en met" type="date" value={to} onChange={setTo} />
      </div>
      <Paragraph>
        <a href={`${base}&format=csv`}>Download als CSV</a> · <a href={`${base}&format=pdf`}>Download als PDF</a>
      </Paragraph>
    </section>
  );
}
