import { Button, Heading1, Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState, type FormEvent } from 'react';
import { Loading, ProblemAlert } from '../../components.tsx';
import { Done, ErrorSummary, Field, fieldError, TextInput, type FieldMap } from '../../forms.tsx';
import { useApi, useApiMutation } from '../../query.tsx';
import type { Json } from '../../../../src/platform/contract.ts';
import type { organisation } from '../../../../src/platform/contract-platform.ts';
import type { columnMappingView } from '../../../../src/modules/signals/contract.ts';
import { formatDateTime } from '../../labels.ts';
import { StaffShell } from '../../layout/Shells.tsx';
import { signalColumnLabels, signalColumns, type SignalColumn } from '../../../../src/modules/signals/columns.ts';

type MappingView = Json<typeof columnMappingView>;

const fields = Object.keys(signalColumns) as SignalColumn[];
const columnLabel = (field: SignalColumn) => `${signalColumnLabels[field]}${signalColumns[field] ? ' (verplicht)' : ''}`;
const mappingFields: FieldMap = {
  creditorId: { id: 'mapping-creditor', label: 'Schuldeiser' },
  ...Object.fromEntries(fields.map((f) => [`columns.${f}`, { id: `mapping-${f}`, label: columnLabel(f) }])),
};

/** The signal officer says once, per creditor, which column of its files holds which field. */
export function SignalMapping() {
  const organisations = useApi<Json<typeof organisation>[]>('/organisations');
  const creditors = (organisations.data ?? []).filter((o) => o.kind === 'creditor');
  const [creditorId, setCreditorId] = useState('');
  const [columns, setColumns] = useState<Partial<Record<SignalColumn, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const mapping = useApi<MappingView>(creditorId ? `/signals/mappings/${creditorId}` : null);
  useEffect(() => setColumns(mapping.data?.columns ?? {}), [mapping.data]);
  const put = useApiMutation<{ columns: Partial<Record<SignalColumn, string>> }, MappingView>('PUT', `/signals/mappings/${creditorId}`, {
    invalidates: ['/signals/mappings'],
    onSuccess: (result) => {
      setColumns(result.columns);
      const count = Object.keys(result.columns).length;
      setSaved(
        count
          ? `De kolomkoppeling van ${result.creditorName} is opgeslagen: ${count} ${count === 1 ? 'kolom heeft' : 'kolommen hebben'} een eigen naam. Het volgende bestand wordt daarmee gelezen.`
          : `${result.creditorName} heeft geen kolomkoppeling meer; de standaardnamen gelden.`,
      );
    },
  });

  const save = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    put.mutate({ columns });
  };

  return (
    <StaffShell>
      <Heading1>Kolomkoppeling per schuldeiser</Heading1>
      <Paragraph>
        Gebruikt een schuldeiser eigen kolomnamen in zijn bestanden, leg dan hier één keer vast welke kolom bij welk veld hoort. Elk volgend bestand van die
        schuldeiser wordt daarmee gelezen. Laat een veld leeg als de schuldeiser de standaardnaam (of de DDAS-naam) gebruikt.
      </Paragraph>
      <ProblemAlert error={organisations.error ?? mapping.error} />
      <Loading loading={organisations.loading}>
        <Field id="mapping-creditor" label="Schuldeiser">
          {(aria) => (
            <select
              {...aria}
              className="utrecht-select utrecht-select--html-select"
              value={creditorId}
              onChange={(e) => {
                setCreditorId(e.target.value);
                setSaved(null);
                put.reset();
              }}
            >
              <option value="">Kies een schuldeiser</option>
              {creditors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          )}
        </Field>
      </Loading>
      {creditorId && (
        <Loading loading={mapping.loading}>
          <Heading2>Kolommen van {mapping.data?.creditorName}</Heading2>
          {mapping.data?.updatedAt && <Paragraph>Laatst gewijzigd: {formatDateTime(mapping.data.updatedAt)}</Paragraph>}
          <Done>{saved}</Done>
          <form onSubmit={save} className="vn-form" aria-label={`Kolomkoppeling van ${mapping.data?.creditorName ?? 'de schuldeiser'}`} noValidate>
            <ErrorSummary error={put.error} fields={mappingFields} />
            {fields.map((field) => (
              <TextInput
                key={field}
                id={`mapping-${field}`}
                label={columnLabel(field)}
                description={`Standaardnaam: ${field}`}
                maxLength={100}
                error={fieldError(`columns.${field}`, put.error)}
                value={columns[field] ?? ''}
                onChange={(value) => setColumns((current) => ({ ...current, [field]: value }))}
              />
            ))}
            <Button type="submit" appearance="primary-action-button" disabled={put.isPending}>
              Kolomkoppeling opslaan
            </Button>
          </form>
        </Loading>
      )}
    </StaffShell>
  );
}
