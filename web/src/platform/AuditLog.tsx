import { Button, Heading1, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import { api, query } from '../api.ts';
import { Loading, ProblemAlert, TextField, useLoad } from '../components.tsx';
import { auditActionLabels, auditResultLabels, formatDateTime } from '../labels.ts';
import { StaffShell } from '../layout/Shells.tsx';

interface AuditEventRow {
  id: number;
  occurredAt: string;
  actorKind: string;
  actorUserId: string | null;
  actorOrganisationId: string | null;
  onBehalfOf: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  subjectIds: string[];
  result: string;
  origin: string | null;
  purpose: string | null;
}

export function AuditLog() {
  const [filters, setFilters] = useState({ action: '', objectType: '', subjectId: '', result: '', from: '', to: '' });
  const [applied, setApplied] = useState(filters);
  const { data, error, loading } = useLoad(() => api<AuditEventRow[]>('GET', `/audit-events${query({ ...applied, limit: 200 })}`), [applied]);
  const set = (key: keyof typeof filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(filters);
  };
  return (
    <StaffShell>
      <Heading1>Auditlog</Heading1>
      <Paragraph>Elke inzage, zoekopdracht, export en wijziging van persoonsgegevens, met wie, namens wie, wat, wanneer en vanaf waar.</Paragraph>
      <form onSubmit={submit} className="vn-filters" aria-label="Filters auditlog">
        <div className="vn-field">
          <label htmlFor="f-action">Handeling</label>
          <select id="f-action" className="utrecht-select" value={filters.action} onChange={(e) => set('action')(e.target.value)}>
            <option value="">Alle</option>
            {Object.entries(auditActionLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div className="vn-field">
          <label htmlFor="f-result">Resultaat</label>
          <select id="f-result" className="utrecht-select" value={filters.result} onChange={(e) => set('result')(e.target.value)}>
            <option value="">Alle</option>
            {Object.entries(auditResultLabels).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <TextField id="f-object" label="Soort object" value={filters.objectType} onChange={set('objectType')} />
        <TextField id="f-subject" label="Inwoner (id)" value={filters.subjectId} onChange={set('subjectId')} />
        <TextField id="f-from" label="Vanaf" type="date" value={filters.from} onChange={set('from')} />
        <TextField id="f-to" label="Tot en met" type="date" value={filters.to} onChange={set('to')} />
        <Button type="submit" appearance="primary-action-button">
          Filteren
        </Button>
      </form>
      <ProblemAlert error={error} />
      <Loading loading={loading}>
        <Table>
          <caption className="vn-caption">{data?.length ?? 0} gebeurtenissen, nieuwste eerst</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
              <TableHeaderCell scope="col">Wie</TableHeaderCell>
              <TableHeaderCell scope="col">Handeling</TableHeaderCell>
              <TableHeaderCell scope="col">Object</TableHeaderCell>
              <TableHeaderCell scope="col">Inwoners</TableHeaderCell>
              <TableHeaderCell scope="col">Resultaat</TableHeaderCell>
              <TableHeaderCell scope="col">Herkomst</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(data ?? []).map((e) => (
              <TableRow key={e.id}>
                <TableCell>{formatDateTime(e.occurredAt)}</TableCell>
                <TableCell>
                  {e.actorKind}
                  {e.actorUserId ? ` ${e.actorUserId.slice(0, 8)}` : ''}
                  {e.onBehalfOf ? ` namens ${e.onBehalfOf}` : ''}
                </TableCell>
                <TableCell>{auditActionLabels[e.action] ?? e.action}</TableCell>
                <TableCell>
                  {e.objectType}
                  {e.objectId ? ` ${e.objectId.slice(0, 40)}` : ''}
                </TableCell>
                <TableCell>{e.subjectIds.length}</TableCell>
                <TableCell>{auditResultLabels[e.result] ?? e.result}</TableCell>
                <TableCell>{e.origin ?? '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
    </StaffShell>
  );
}
