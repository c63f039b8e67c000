/**
 * Neighbourhoods (CBS wijken) and a postcode → wijk lookup, used to report figures per area.
 * The wijk names are Dordrecht's; the codes follow the CBS pattern WK + municipality digits + two digits, and the
 * postcode ranges are a demo mapping (a real installation loads the CBS "wijk- en buurtkaart" postcode table).
 */
export interface Area {
  code: string;
  name: string;
  municipalityCode: string;
  kind: 'wijk' | 'buurt';
  /** Four-digit postcode areas (PC4) mostly inside this wijk. */
  pc4: string[];
}

export const dordrechtWijken: Area[] = [
  { code: 'WK050501', name: 'Binnenstad', pc4: ['3311', '3312'] },
  { code: 'WK050502', name: 'Noordflank', pc4: ['3313'] },
  { code: 'WK050503', name: 'Krispijn', pc4: ['3314', '3317'] },
  { code: 'WK050504', name: 'Wielwijk', pc4: ['3315'] },
  { code: 'WK050505', name: 'Crabbehof', pc4: ['3316'] },
  { code: 'WK050506', name: 'Dubbeldam', pc4: ['3319', '3328'] },
  { code: 'WK050507', name: 'Stadspolders', pc4: ['3318'] },
  { code: 'WK050508', name: 'Sterrenburg', pc4: ['3321', '3322', '3323'] },
  { code: 'WK050509', name: 'Zuidhoven', pc4: ['3324'] },
  { code: 'WK050510', name: 'De Staart', pc4: ['3325', '3326'] },
  { code: 'WK050511', name: 'Reeland', pc4: ['3327'] },
  { code: 'WK050512', name: 'Oud-Dubbeldam', pc4: ['3329'] },
].map((a) => ({ ...a, municipalityCode: 'GM0505', kind: 'wijk' as const }));

const byPc4 = new Map(dordrechtWijken.flatMap((a) => a.pc4.map((pc) => [pc, a] as const)));

/** The wijk a postcode (e.g. "3315 AB" or "3315AB") lies in, or null when unknown. */
export function areaForPostcode(postcode: string | null | undefined): Area | null {
  if (!postcode) return null;
  const pc4 = postcode.replace(/\s+/g, '').slice(0, 4);
  return byPc4.get(pc4) ?? null;
}

export function areaName(code: string | null | undefined): string {
  if (!code) return 'Onbekend';
  return dordrechtWijken.find((a) => a.code === code)?.name ?? code;
}
