import { Button } from '@utrecht/component-library-react';
import type { Dispatch, SetStateAction } from 'react';
import { TextInput } from '../../forms.tsx';
import { weekdayLabels } from '../../../../src/modules/directory/contract.ts';
import type { HourRow, Place } from './directoryShared.ts';

/** The consultation hours of a service: one fieldset per hour, and a button to add one. */
export function ScheduleFields({
  hours,
  setHours,
  locations,
  errorOf,
}: {
  hours: HourRow[];
  setHours: Dispatch<SetStateAction<HourRow[]>>;
  locations: Place[];
  errorOf: (name: string) => string | undefined;
}) {
  const setHour = (i: number, patch: Partial<HourRow>) => setHours((h) => h.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <>
      {hours.map((h, i) => (
        <fieldset key={i} className="vn-fieldset">
          <legend>Spreekuur {i + 1}</legend>
          <div className="vn-field">
            <label htmlFor={`h-day-${i}`}>Dag</label>
            <select id={`h-day-${i}`} className="utrecht-select" value={h.weekday} onChange={(e) => setHour(i, { weekday: Number(e.target.value) })}>
              {weekdayLabels.slice(1).map((d, j) => (
                <option key={d} value={j + 1}>
                  {d}
                </option>
              ))}
            </select>
          </div>
          <TextInput
            id={`h-open-${i}`}
            label="Van (uu:mm)"
            value={h.opensAt}
            error={errorOf(`schedules.${i}.opensAt`)}
            onChange={(v) => setHour(i, { opensAt: v })}
          />
          <TextInput
            id={`h-close-${i}`}
            label="Tot (uu:mm)"
            value={h.closesAt}
            error={errorOf(`schedules.${i}.closesAt`)}
            onChange={(v) => setHour(i, { closesAt: v })}
          />
          <div className="vn-field">
            <label htmlFor={`h-place-${i}`}>Plek</label>
            <select id={`h-place-${i}`} className="utrecht-select" value={h.locationId} onChange={(e) => setHour(i, { locationId: e.target.value })}>
              <option value="">Geen vaste plek (telefonisch of online)</option>
              {locations.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}, {l.address}
                </option>
              ))}
            </select>
          </div>
          <div className="vn-check">
            <input
              type="checkbox"
              className="utrecht-checkbox"
              id={`h-mobile-${i}`}
              checked={h.mobile}
              onChange={(e) => setHour(i, { mobile: e.target.checked })}
            />
            <label htmlFor={`h-mobile-${i}`}>Mobiel spreekuur op een ontmoetingsplek</label>
          </div>
          <TextInput id={`h-note-${i}`} label="Toelichting" value={h.note} error={errorOf(`schedules.${i}.note`)} onChange={(v) => setHour(i, { note: v })} />
          <TextInput
            id={`h-from-${i}`}
            label="Geldig vanaf (niet verplicht)"
            type="date"
            value={h.validFrom}
            error={errorOf(`schedules.${i}.validFrom`)}
            onChange={(v) => setHour(i, { validFrom: v })}
          />
          <Button type="button" appearance="secondary-action-button" onClick={() => setHours((rows) => rows.filter((_, j) => j !== i))}>
            Spreekuur {i + 1} verwijderen
          </Button>
        </fieldset>
      ))}
      <Button
        id="add-hour"
        type="button"
        appearance="secondary-action-button"
        onClick={() =>
          setHours((rows) => [
            ...rows,
            { weekday: 1, opensAt: '09:00', closesAt: '12:00', mobile: false, note: '', locationId: '', validFrom: '', validUntil: '' },
          ])
        }
      >
        Spreekuur toevoegen
      </Button>
    </>
  );
}
