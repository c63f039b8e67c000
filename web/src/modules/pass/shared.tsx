import type { ChangeEvent, ReactNode } from 'react';

/** Money in the browser: cents in, "€ 1.234,56" out; "12,50" or "12.50" typed in, cents out (null when unreadable). */
export function euro(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return '–';
  return new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function parseEuro(text: string): number | null {
  const clean = text.trim().replace(/^€\s*/, '').replace(/\s/g, '');
  if (!/^\d{1,7}([.,]\d{1,2})?$/.test(clean)) return null;
  const [whole, fraction = ''] = clean.split(/[.,]/);
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export const ageGroupLabels: Record<string, string> = { primary: 'basisschoolleeftijd', secondary: 'middelbareschoolleeftijd' };
export const routeLabels: Record<string, string> = {
  income: 'Laag inkomen (gratis)',
  carer: 'Mantelzorger (gratis)',
  volunteer: 'Vrijwilliger (uw organisatie koopt de pas)',
  purchase: 'Kopen',
};
export const applicationStatusLabels: Record<string, string> = { submitted: 'In behandeling', approved: 'Toegekend', rejected: 'Afgewezen' };
export const passStatusLabels: Record<string, string> = { active: 'Actief', blocked: 'Geblokkeerd', lost: 'Verloren (vervangen)' };
export const householdTypeLabels: Record<string, string> = {
  single: 'Alleenstaande',
  single_parent: 'Alleenstaande ouder',
  couple: 'Gehuwden of samenwonenden',
  single_pensioner: 'Alleenstaande, AOW-leeftijd',
  couple_pensioner: 'Gehuwden of samenwonenden, AOW-leeftijd',
};
export const transactionKindLabels: Record<string, string> = { charge: 'Betaling', refund: 'Terugbetaling', campaign: 'Extra tegoed' };

export function formatPassNumber(n: string): string {
  return `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}`;
}

/** A native select with a visible label (NL Design System styling). */
export function SelectField(props: { id: string; label: string; value: string; onChange: (v: string) => void; children: ReactNode; required?: boolean }) {
  return (
    <div className="vn-field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} className="utrecht-select" value={props.value} required={props.required} onChange={(e: ChangeEvent<HTMLSelectElement>) => props.onChange(e.target.value)}>
        {props.children}
      </select>
    </div>
  );
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
