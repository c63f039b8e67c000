import { performance } from 'node:perf_hooks';
import { searchDirectory, type DirectoryEntry } from '../src/modules/directory/domain.ts';

/**
 * The social map is searched in memory (it is small: tens of services). How does a search scale if a region's map
 * grows to thousands of services? Time per search at N and at 10·N in the same run; the ratio should be about 10
 * (linear). BENCH_SCALE scales N (default 200).
 */
function entries(n: number): DirectoryEntry[] {
  const themes = ['money', 'work', 'children', 'health', 'housing'] as const;
  return Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    code: `s${i}`,
    name: `Dienst ${i} ${i % 7 === 0 ? 'schuldhulp' : 'ontmoeting'}`,
    description: 'Hulp bij geldzaken, post en formulieren, in de wijk en telefonisch.',
    audiences: i % 5 === 0 ? ['entrepreneurs'] : ['residents'],
    themes: [themes[i % 5]!, 'money'],
    helpKind: 'volunteer',
    municipalityCode: 'GM0505',
    email: null,
    phone: null,
    url: null,
    howToApply: '',
    active: true,
    organization: { id: `o${i % 40}`, code: `O${i % 40}`, name: `Organisatie ${i % 40}`, description: '', email: null, phone: null, url: null },
    schedules: [1, 3].map((weekday) => ({
      id: `h${i}-${weekday}`,
      weekday: ((weekday + i) % 7) + 1,
      opensAt: '09:00',
      closesAt: '12:00',
      mobile: false,
      validFrom: null,
      validUntil: null,
      note: '',
      location: {
        id: `l${i % 30}`,
        code: `l${i % 30}`,
        name: `Wijkcentrum ${i % 30}`,
        address: 'Plein 1',
        postcode: null,
        city: 'Dordrecht',
        areaCode: `WK0505${String((i % 12) + 1).padStart(2, '0')}`,
        meetingPlace: true,
        description: '',
        latitude: 51.79 + (i % 30) * 0.001,
        longitude: 4.64 + (i % 30) * 0.002,
      },
    })),
  }));
}

function timePerSearch(list: DirectoryEntry[], rounds: number): number {
  const now = new Date('2021-06-09T08:00:00Z');
  const queries = [
    { q: 'schuldhulp' },
    { theme: 'money' as const, area: 'WK050505', when: 'week' as const },
    { audience: 'residents' as const, when: 'now' as const },
    {},
  ];
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const q of queries) searchDirectory(list, q, now);
  return (performance.now() - t0) / (rounds * queries.length);
}

export async function run(): Promise<Record<string, unknown>> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const n = Math.max(20, Math.round(200 * scale));
  const small = entries(n);
  const large = entries(n * 10);
  timePerSearch(small, 5);
  const msSmall = timePerSearch(small, 50);
  const msLarge = timePerSearch(large, 10);
  return {
    services: [n, n * 10],
    msPerSearch: [Math.round(msSmall * 1000) / 1000, Math.round(msLarge * 1000) / 1000],
    ratio10x: Math.round((msLarge / msSmall) * 10) / 10,
  };
}
