import { Button, Heading1, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { api } from '../../api.ts';
import { Loading, ProblemAlert, useLoad } from '../../components.tsx';
import { StaffShell } from '../../layout/Shells.tsx';
import { useSession } from '../../session.tsx';
import { municipalityNames, SelectField } from './shared.tsx';

interface Level {
  theme: string;
  label: string;
  answerWorkingDays: number;
  firstContactWorkingDays: number;
  configured: boolean;
}

/** The agreed terms per theme: working days to answer a referral and to make first contact. */
export function ServiceLevels() {
  const { user } = useSession();
  const options = user?.municipalities ?? [];
  const [municipality, setMunicipality] = useState(options.includes('GM0505') ? 'GM0505' : (options[0] ?? ''));
  const levels = useLoad(() => api<Level[]>('GET', `/referrals/service-levels?municipalityCode=${municipality}`), [municipality]);
  const [draft, setDraft] = useState<Record<string, { answer: string; contact: string }>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // Start from the stored values again whenever they are (re)loaded.
  useEffect(() => setDraft({}), [levels.data]);
  const valueOf = (l: Level) => draft[l.theme] ?? { answer: String(l.answerWorkingDays), contact: String(l.firstContactWorkingDays) };
  const save = async (level: Level) => {
    setError(null);
    setSaved(null);
    try {
      await api('PUT', '/referrals/service-levels', {
        municipalityCode: municipality,
        theme: level.theme,
        answerWorkingDays: Number(valueOf(level).answer),
        firstContactWorkingDays: Number(valueOf(level).contact),
      });
      setSaved(level.label);
      levels.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <StaffShell>
      <Heading1>Servicenormen verwijzingen</Heading1>
      <Paragraph>
        Binnen hoeveel werkdagen (zonder weekend) een organisatie een verwijzing beantwoordt en het eerste contact legt. Een verwijzing die de
        termijn overschrijdt, staat gemarkeerd op de werklijst van de verwijzer én de ontvanger. Een wijziging geldt voor nieuwe verwijzingen.
      </Paragraph>
      {options.length > 1 && (
        <SelectField id="sl-municipality" label="Gemeente" value={municipality} onChange={setMunicipality} options={options.map((m) => [m, municipalityNames[m] ?? m])} />
      )}
      <ProblemAlert error={levels.error ?? error} />
      {saved && (
        <div className="vn-success" role="status">
          <Paragraph>De servicenorm voor {saved} is opgeslagen.</Paragraph>
        </div>
      )}
      <Loading loading={levels.loading}>
        <Table>
          <caption className="vn-caption">Servicenormen per onderwerp in {municipalityNames[municipality] ?? municipality}</caption>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Onderwerp</TableHeaderCell>
              <TableHeaderCell scope="col">Werkdagen tot antwoord</TableHeaderCell>
              <TableHeaderCell scope="col">Werkdagen tot eerste contact</TableHeaderCell>
              <TableHeaderCell scope="col">Bron</TableHeaderCell>
              <TableHeaderCell scope="col">Opslaan</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(levels.data ?? []).map((l) => (
              <TableRow key={l.theme}>
                <TableHeaderCell scope="row">{l.label}</TableHeaderCell>
                <TableCell>
                  <input
                    className="utrecht-textbox utrecht-textbox--html-input"
                    type="number"
                    min={1}
                    max={60}
                    aria-label={`Werkdagen tot antwoord: ${l.label}`}
                    value={valueOf(l).answer}
                    onChange={(e) => setDraft({ ...draft, [l.theme]: { ...valueOf(l), answer: e.target.value } })}
                  />
                </TableCell>
                <TableCell>
                  <input
                    className="utrecht-textbox utrecht-textbox--html-input"
                    type="number"
                    min={1}
                    max={120}
                    aria-label={`Werkdagen tot eerste contact: ${l.label}`}
                    value={valueOf(l).contact}
                    onChange={(e) => setDraft({ ...draft, [l.theme]: { ...valueOf(l), contact: e.target.value } })}
                  />
                </TableCell>
                <TableCell>{l.configured ? 'Ingesteld' : 'Standaard'}</TableCell>
                <TableCell>
                  <Button type="button" appearance="secondary-action-button" onClick={() => save(l)}>
                    Opslaan: {l.label}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Loading>
    </StaffShell>
  );
}
