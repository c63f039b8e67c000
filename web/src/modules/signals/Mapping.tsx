import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api.ts';
import { Loading, ProblemAlert, TextField } from '../../components.tsx';
import { useApi } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { columnMappingView } from '../../../../src/modules/signals/contract.ts';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { signalColumnLabels, signalColumns, type SignalColumn } from '../../../../src/modules/signals/columns.ts';

interface Organisation {
  id: string;
  name: string;
  code: string;
  kind: string;
}
type MappingView = Json<typeof columnMappingView>;

const fields = Object.keys(signalColumns) as SignalColumn[];

/** The signal officer says once, per creditor, which column of its files holds which field. */
export function SignalMapping() {
  const organisations = useApi<Organisation[]>('/organisations');
  const creditors = (organisations.data ?? []).filter((o) => o.kind === 'creditor');
  const [creditorId, setCreditorId] = useState('');
  const [columns, setColumns] = useState<Partial<Record<SignalColumn, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const mapping = useApi<MappingView>(creditorId ? `/signals/mappings/${creditorId}` : null);
  useEffect(() => setColumns(mapping.data?.columns ?? {}), [mapping.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(null);
    try {
      const result = await api<MappingView>('PUT', `/signals/mappings/${creditorId}`, { columns });
      setColumns(result.columns);
      setSaved(
        Object.keys(result.columns).length
          ? `De kolomkoppeling van ${result.creditorName} is opgeslagen.`
          : `${result.creditorName} heeft geen kolomkoppeling meer; de standaardnamen gelden.`,
      );
    } catch (err) {
      setError(err);
    }
  };

  return (
    <StaffShell>
      <Heading1>Kolomkoppeling per schuldeiser</Heading1>
      <Paragraph>
        Gebruikt een schuldeiser eigen kolomnamen in zijn bestanden, leg dan hier één keer vast welke kolom bij welk veld hoort. Elk volgend bestand van die
        schuldeiser wordt daarmee gelezen. Laat een veld leeg als de schuldeiser de standaardnaam (of de DDAS-naam) gebruikt.
      </Paragraph>
      <ProblemAlert error={organisations.error ?? mapping.error ?? error} />
      <Loading loading={organisations.loading}>
        <div className="vn-field">
          <label htmlFor="mapping-creditor" className="utrecht-form-label">
            Schuldeiser
          </label>
          <select
            id="mapping-creditor"
            className="utrecht-select utrecht-select--html-select"
            value={creditorId}
            onChange={(e) => setCreditorId(e.target.value)}
          >
            <option value="">Kies een schuldeiser</option>
            {creditors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </div>
      </Loading>
      {creditorId && (
        <Loading loading={mapping.loading}>
          <Heading2>Kolommen van {mapping.data?.creditorName}</Heading2>
          {mapping.data?.updatedAt && <Paragraph>Laatst gewijzigd: {formatDateTime(mapping.data.updatedAt)}</Paragraph>}
          {saved && (
            <div className="vn-success" role="status">
              <Paragraph>{saved}</Paragraph>
            </div>
          )}
          <form onSubmit={save} className="vn-form" aria-label={`Kolomkoppeling van ${mapping.data?.creditorName ?? 'de schuldeiser'}`}>
            {fields.map((field) => (
              <TextField
                key={field}
                id={`mapping-${field}`}
                label={`${signalColumnLabels[field]}${signalColumns[field] ? ' (verplicht)' : ''}`}
                description={`Standaardnaam: ${field}`}
                value={columns[field] ?? ''}
                onChange={(value) => setColumns((current) => ({ ...current, [field]: value }))}
              />
            ))}
            <Button type="submit" appearance="primary-action-button">
              Kolomkoppeling opslaan
            </Button>
          </form>
        </Loading>
      )}
    </StaffShell>
  );
}
