// Demo data for the social map: the organisations and services named in the seed documents.
// Addresses and phone numbers are made up for the demo; the services and their kinds of hours follow the seeds.
// Each place has the WGS84 position of its street in Dordrecht (estimated from the map, to about 100 m): the public
// search sorts by distance from it.
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { areaForPostcode } from '../../platform/areas.ts';
import type { Audience, HelpKind, Theme } from './domain.ts';
import { directoryLocations, directoryOrganizations, directorySchedules, directoryServices, directorySynonyms } from './schema.ts';

interface DemoOrganization {
  code: string;
  name: string;
  description: string;
  phone?: string;
  email?: string;
  url?: string;
}

interface DemoLocation {
  code: string;
  organization: string;
  name: string;
  address: string;
  postcode: string;
  meetingPlace?: boolean;
  description?: string;
  /** WGS84 degrees of the street. */
  position: [latitude: number, longitude: number];
}

type DemoHour = [weekday: number, opens: string, closes: string, location: string | null, extra?: { mobile?: boolean; note?: string; validFrom?: string }];

interface DemoService {
  code: string;
  organization: string;
  name: string;
  description: string;
  audiences: Audience[];
  themes: Theme[];
  helpKind: HelpKind;
  phone?: string;
  email?: string;
  url?: string;
  howToApply: string;
  hours: DemoHour[];
}

export const demoDirectoryOrganizations: DemoOrganization[] = [
  {
    code: 'SDD',
    name: 'Sociale Dienst Drechtsteden',
    description: 'De sociale dienst van de zeven Drechtsteden: inkomen, werk en schuldhulp.',
    phone: '078 000 10 00',
    url: 'https://www.sociaaldienstdrechtsteden.nl',
  },
  { code: 'SWT', name: 'Sociaal Wijkteam Dordrecht', description: 'Hulp in uw eigen wijk bij geld, wonen, opvoeden en gezondheid.', phone: '078 000 20 00' },
  {
    code: 'HUMANITAS',
    name: 'Humanitas Thuisadministratie',
    description: 'Vrijwilligers die u helpen uw papieren en geld op orde te krijgen.',
    phone: '078 000 30 00',
  },
  {
    code: 'SHM',
    name: 'SchuldHulpMaatje Dordrecht',
    description: 'Een getrainde vrijwilliger (maatje) die met u meeloopt als u schulden heeft.',
    phone: '078 000 40 00',
  },
  {
    code: 'AVS',
    name: 'Alliantie Vrijwillige Schuldhulp',
    description:
      'Samenwerking van vrijwillige schuldhulp in Dordrecht: Humanitas, SchuldHulpMaatje, de Buitenwacht, Inspraakorgaan Turken en Samenwerkingsverband Marokkaanse Nederlanders.',
  },
  { code: 'BSR', name: 'Bureau Sociaal Raadslieden', description: 'Gratis advies over brieven, regelingen, toeslagen en rechten.', phone: '078 000 50 00' },
  { code: 'FHH', name: 'Financieel Hulphuis', description: 'Hulp bij uw geldzaken, ook in de avond voor mensen die werken.', phone: '078 000 60 00' },
  { code: 'SOCIALE-BASIS', name: 'Stichting de Sociale Basis (MEE/Vivenz)', description: 'Ondersteuning dichtbij, samen met Buurtwerk en de AVS.' },
  { code: 'BUURTWERK', name: 'Buurtwerk Dordrecht', description: 'Buurthuizen en activiteiten in de wijk.' },
  {
    code: 'ADVIESPUNT-SCHEIDING',
    name: 'Adviespunt scheiding',
    description: 'Professionals uit verschillende vakken (jeugd, recht, maatschappelijk werk) helpen bij een scheiding.',
  },
  { code: 'YOUR-HEALTHSPOT', name: 'Your Healthspot', description: 'Leefstijlcoaches voor de gecombineerde leefstijlinterventie (GLI).' },
  { code: 'JONGERENWERK', name: 'Jongerenwerk Dordrecht', description: 'Jongerenwerkers op straat, in de wijk en op school.' },
  { code: 'NIBUD', name: 'Nibud', description: 'Het Nationaal Instituut voor Budgetvoorlichting.', url: 'https://www.nibud.nl' },
  { code: 'GELDFIT', name: 'Geldfit Dordrecht', description: 'Een korte, anonieme test over uw geldzaken, met advies dat past bij Dordrecht.' },
  { code: 'DDS', name: 'Dienstverlening Drechtsteden, Dordtpas', description: 'De Dordtpas en het kindtegoed.' },
  { code: 'VOEDSELHULP', name: 'Voedselhulp Dordrecht', description: 'Vrijwilligers die wekelijks een pakket met eten uitdelen.', phone: '078 000 80 00' },
];

export const demoDirectoryLocations: DemoLocation[] = [
  { code: 'stadskantoor', organization: 'SDD', name: 'Stadskantoor Dordrecht', address: 'Spuiboulevard 300', postcode: '3311 GR', position: [51.8087, 4.666] },
  {
    code: 'wijkcentrum-wielwijk',
    organization: 'SWT',
    name: 'Wijkcentrum Wielwijk',
    address: 'Wielwijkplein 1',
    postcode: '3315 AA',
    meetingPlace: true,
    position: [51.7976, 4.647],
  },
  {
    code: 'buurthuis-crabbehof',
    organization: 'BUURTWERK',
    name: 'Buurthuis Crabbehof',
    address: 'Crabbehofplein 2',
    postcode: '3316 AB',
    meetingPlace: true,
    position: [51.792, 4.6615],
  },
  {
    code: 'wijkcentrum-krispijn',
    organization: 'SWT',
    name: 'Wijkcentrum Krispijn',
    address: 'Krispijnseweg 3',
    postcode: '3317 AC',
    meetingPlace: true,
    position: [51.8043, 4.6658],
  },
  {
    code: 'wijkcentrum-de-staart',
    organization: 'SWT',
    name: 'Wijkcentrum De Staart',
    address: 'Staartplein 4',
    postcode: '3325 AD',
    meetingPlace: true,
    position: [51.8095, 4.693],
  },
  {
    code: 'bibliotheek-centrum',
    organization: 'SOCIALE-BASIS',
    name: 'Bibliotheek Dordrecht Centrum',
    address: 'Achterom 5',
    postcode: '3311 KB',
    meetingPlace: true,
    description: 'Vraag bij de balie naar het spreekuur.',
    position: [51.8125, 4.6625],
  },
  {
    code: 'moskee-krispijn',
    organization: 'AVS',
    name: 'Ontmoetingsruimte moskee Krispijn',
    address: 'Krispijnseweg 60',
    postcode: '3317 BD',
    meetingPlace: true,
    position: [51.8013, 4.663],
  },
  {
    code: 'bsr-kantoor',
    organization: 'BSR',
    name: 'Bureau Sociaal Raadslieden',
    address: 'Johan de Wittstraat 10',
    postcode: '3311 KJ',
    position: [51.8098, 4.671],
  },
  { code: 'fhh-huis', organization: 'FHH', name: 'Financieel Hulphuis', address: 'Singel 20', postcode: '3312 CA', position: [51.81, 4.6655] },
  {
    code: 'consultatiebureau-brouwersdijk',
    organization: 'ADVIESPUNT-SCHEIDING',
    name: 'Consultatiebureau Brouwersdijk',
    address: 'Brouwersdijk 100',
    postcode: '3314 GD',
    position: [51.798, 4.661],
  },
  {
    code: 'healthspot-de-staart',
    organization: 'YOUR-HEALTHSPOT',
    name: 'Your Healthspot De Staart',
    address: 'Staartplein 10',
    postcode: '3325 AE',
    position: [51.8096, 4.6933],
  },
  {
    code: 'jongerenhuis',
    organization: 'JONGERENWERK',
    name: 'Jongerenhuis Crabbehof',
    address: 'Crabbehofstraat 8',
    postcode: '3316 CD',
    meetingPlace: true,
    position: [51.7915, 4.6605],
  },
];

const rs: Audience[] = ['residents'];

export const demoDirectoryServices: DemoService[] = [
  {
    code: 'sdd-schuldhulp',
    organization: 'SDD',
    name: 'Schuldhulpverlening',
    description:
      'Heeft u schulden die u niet meer zelf kunt betalen? De SDD kijkt met u naar uw inkomen en uw schulden. Samen maken we een plan. U kunt ook hulp krijgen als u nog geen schulden heeft, maar wel achterstanden.',
    audiences: ['residents', 'young_people'],
    themes: ['money'],
    helpKind: 'debt_help',
    phone: '078 000 10 10',
    howToApply: 'Bel ons of loop binnen tijdens het spreekuur. Neem uw laatste loonstrook of uitkering en de brieven van schuldeisers mee.',
    hours: [
      [1, '09:00', '12:00', 'stadskantoor'],
      [3, '09:00', '12:00', 'stadskantoor'],
      [4, '13:00', '16:00', 'stadskantoor'],
    ],
  },
  {
    code: 'sdd-ondernemersloket',
    organization: 'SDD',
    name: 'Ondernemersloket',
    description:
      'Voor ondernemers en zzp’ers met geldzorgen. Gaat uw omzet omlaag, heeft u achterstanden bij de Belastingdienst of schuldeisers? Het Ondernemersloket helpt u met uw bedrijf én met uw eigen geld.',
    audiences: ['entrepreneurs'],
    themes: ['money', 'work'],
    helpKind: 'debt_help',
    phone: '078 000 10 20',
    email: 'ondernemersloket@sdd.example',
    howToApply: 'Bel of mail het Ondernemersloket. U krijgt binnen 3 werkdagen een afspraak.',
    hours: [
      [2, '09:00', '12:00', 'stadskantoor'],
      [4, '18:30', '20:30', 'stadskantoor', { note: 'Avondspreekuur voor ondernemers' }],
    ],
  },
  {
    code: 'sdd-adviseurs-geldzaken',
    organization: 'SDD',
    name: 'Adviseurs Geldzaken',
    description: 'Een adviseur geldzaken helpt u om rond te komen. Bijvoorbeeld met toeslagen, regelingen en een overzicht van uw inkomsten en uitgaven.',
    audiences: rs,
    themes: ['money'],
    helpKind: 'social_work',
    phone: '078 000 10 30',
    howToApply: 'Bel voor een afspraak. Het gesprek is gratis.',
    hours: [[5, '09:00', '12:00', 'stadskantoor']],
  },
  {
    code: 'sdd-meldpunt-toeslagen',
    organization: 'SDD',
    name: 'Meldpunt gedupeerden kinderopvangtoeslag',
    description: 'Bent u ouder en gedupeerd door de problemen met de kinderopvangtoeslag? Het Meldpunt helpt u, ook met andere zorgen in uw gezin.',
    audiences: rs,
    themes: ['money', 'children'],
    helpKind: 'social_work',
    phone: '078 000 10 40',
    howToApply: 'Bel het Meldpunt. U hoeft niets mee te nemen.',
    hours: [],
  },
  {
    code: 'swt-wijkteam',
    organization: 'SWT',
    name: 'Sociaal Wijkteam: inloopspreekuur',
    description:
      'Heeft u zorgen over geld, wonen, opvoeden of uw gezondheid? Loop binnen bij het Sociaal Wijkteam in uw wijk. We luisteren en zoeken samen met u naar hulp.',
    audiences: ['residents', 'young_people'],
    themes: ['money', 'housing', 'children', 'health'],
    helpKind: 'social_work',
    phone: '078 000 20 10',
    howToApply: 'Loop binnen tijdens het spreekuur of bel ons. Een afspraak maken mag ook.',
    hours: [
      [1, '13:00', '15:00', 'wijkcentrum-wielwijk'],
      [2, '09:30', '11:30', 'wijkcentrum-krispijn'],
      [3, '13:00', '15:00', 'wijkcentrum-de-staart'],
      [4, '09:30', '11:30', 'buurthuis-crabbehof'],
    ],
  },
  {
    code: 'humanitas-thuisadministratie',
    organization: 'HUMANITAS',
    name: 'Thuisadministratie',
    description: 'Een vrijwilliger komt bij u thuis en helpt u om uw post en uw geld te ordenen. Zo krijgt u weer overzicht. De hulp is gratis.',
    audiences: rs,
    themes: ['money'],
    helpKind: 'volunteer',
    phone: '078 000 30 10',
    howToApply: 'Bel ons. Een coördinator maakt een afspraak om kennis te maken.',
    hours: [],
  },
  {
    code: 'shm-maatje',
    organization: 'SHM',
    name: 'SchuldHulpMaatje',
    description: 'Een maatje is een getrainde vrijwilliger. Uw maatje helpt u met uw schulden en gaat mee naar afspraken. Zo staat u er niet alleen voor.',
    audiences: ['residents', 'young_people'],
    themes: ['money'],
    helpKind: 'volunteer',
    phone: '078 000 40 10',
    url: 'https://www.schuldhulpmaatje.nl',
    howToApply: 'Meld u aan via de website of bel ons.',
    hours: [],
  },
  {
    code: 'avs-vrijwillige-schuldhulp',
    organization: 'AVS',
    name: 'Vrijwillige schuldhulp in de wijk',
    description: 'Vrijwilligers van de Alliantie Vrijwillige Schuldhulp helpen u met brieven, rekeningen en schulden. Ook in het Turks en Arabisch.',
    audiences: rs,
    themes: ['money'],
    helpKind: 'volunteer',
    howToApply: 'Kom langs bij het spreekuur. U hoeft geen afspraak te maken.',
    hours: [[5, '14:00', '16:00', 'moskee-krispijn', { mobile: true, note: 'Mobiel spreekuur' }]],
  },
  {
    code: 'sociale-basis-mobiel-spreekuur',
    organization: 'SOCIALE-BASIS',
    name: 'Mobiel spreekuur geldzorgen',
    description:
      'De Sociale Basis, Buurtwerk en de AVS komen naar plekken waar u toch al komt: de bibliotheek, het buurthuis. Overdag en in de avond. Stel uw vraag over geld of schulden, zonder afspraak.',
    audiences: ['residents', 'young_people'],
    themes: ['money', 'work'],
    helpKind: 'social_work',
    howToApply: 'Kom langs. U hoeft geen afspraak te maken.',
    hours: [
      [2, '14:00', '16:00', 'bibliotheek-centrum', { mobile: true }],
      [3, '19:00', '21:00', 'buurthuis-crabbehof', { mobile: true, note: 'Avondspreekuur' }],
      [6, '10:00', '12:00', 'wijkcentrum-wielwijk', { mobile: true }],
    ],
  },
  {
    code: 'buurtwerk-inloop',
    organization: 'BUURTWERK',
    name: 'Inloop en koffie in het buurthuis',
    description: 'Kom koffie drinken en ontmoet buren. Een buurtwerker is er om mee te denken, ook als u zorgen heeft.',
    audiences: ['residents', 'young_people'],
    themes: ['health', 'housing'],
    helpKind: 'information',
    howToApply: 'Loop gewoon binnen.',
    hours: [
      [1, '10:00', '12:00', 'buurthuis-crabbehof'],
      [4, '14:00', '16:00', 'wijkcentrum-de-staart'],
    ],
  },
  {
    code: 'bsr-spreekuur',
    organization: 'BSR',
    name: 'Spreekuur Sociaal Raadslieden',
    description:
      'Krijgt u een brief die u niet begrijpt? Wilt u weten op welke toeslag of regeling u recht heeft? De sociaal raadslieden helpen u gratis. Er zijn spreekuren in de ochtend, de middag en de avond, ook voor mensen die in ploegendienst werken.',
    audiences: rs,
    themes: ['money', 'work', 'housing'],
    helpKind: 'social_work',
    phone: '078 000 50 10',
    howToApply: 'Loop binnen tijdens het spreekuur. Neem de brief mee.',
    hours: [
      [1, '09:00', '11:30', 'bsr-kantoor', { note: 'Ochtendspreekuur' }],
      [3, '13:30', '16:00', 'bsr-kantoor', { note: 'Middagspreekuur' }],
      [4, '18:30', '20:30', 'bsr-kantoor', { note: 'Avondspreekuur' }],
    ],
  },
  {
    code: 'fhh-spreekuur',
    organization: 'FHH',
    name: 'Spreekuur Financieel Hulphuis',
    description:
      'Wilt u hulp bij uw geld, uw post of een budgetplan? Het Financieel Hulphuis heeft spreekuren in de ochtend, de middag en nu ook in de avond, zodat u kunt komen na uw werk.',
    audiences: rs,
    themes: ['money'],
    helpKind: 'volunteer',
    phone: '078 000 60 10',
    howToApply: 'Loop binnen of bel voor een afspraak.',
    hours: [
      [2, '09:30', '12:00', 'fhh-huis', { note: 'Ochtendspreekuur' }],
      [4, '13:30', '16:00', 'fhh-huis', { note: 'Middagspreekuur' }],
      [2, '19:00', '21:00', 'fhh-huis', { note: 'Avondspreekuur' }],
    ],
  },
  {
    code: 'adviespunt-scheiding',
    organization: 'ADVIESPUNT-SCHEIDING',
    name: 'Spreekuur Adviespunt scheiding',
    description:
      'Gaat u scheiden? Een scheiding heeft gevolgen voor uw kinderen, uw huis en uw geld. Bij het Adviespunt praat u met een jeugdprofessional, een jurist of een maatschappelijk werker. Zij weten ook waar u terecht kunt met vragen over schulden.',
    audiences: rs,
    themes: ['children', 'money', 'housing'],
    helpKind: 'social_work',
    howToApply: 'Kom naar het wekelijkse spreekuur. Een afspraak is niet nodig.',
    hours: [[3, '09:00', '11:00', 'consultatiebureau-brouwersdijk', { note: 'Wekelijks spreekuur', validFrom: '2021-06-01' }]],
  },
  {
    code: 'your-healthspot-leefstijl',
    organization: 'YOUR-HEALTHSPOT',
    name: 'Leefstijlcoach (GLI)',
    description:
      'Wilt u gezonder eten, meer bewegen en beter omgaan met stress? Een leefstijlcoach begeleidt u twee jaar lang, in een groep en alleen. Uw huisarts verwijst u. De zorgverzekering betaalt.',
    audiences: rs,
    themes: ['health'],
    helpKind: 'social_work',
    howToApply: 'Vraag uw huisarts om een verwijzing.',
    hours: [[2, '10:00', '12:00', 'healthspot-de-staart']],
  },
  {
    code: 'jongerenwerk-fix-up-your-life',
    organization: 'JONGERENWERK',
    name: 'Fix Up Your Life',
    description:
      'Ben je jong en heb je schulden of geldstress? Bij Fix Up Your Life helpt een jongerenwerker je om je geld op orde te krijgen. Op school of in het jongerenhuis.',
    audiences: ['young_people'],
    themes: ['money', 'work'],
    helpKind: 'social_work',
    howToApply: 'Kom langs of app de jongerenwerker.',
    hours: [[3, '15:00', '18:00', 'jongerenhuis']],
  },
  {
    code: 'nibud-voor-boven-de-18',
    organization: 'NIBUD',
    name: 'Boekje "Voor boven de 18"',
    description:
      'Word je 18? Dan verandert er veel: zorgverzekering, toeslagen, studiefinanciering. Dit boekje van het Nibud legt uit wat je moet regelen. Je krijgt het van de gemeente als je 18 wordt.',
    audiences: ['young_people'],
    themes: ['money'],
    helpKind: 'information',
    url: 'https://www.nibud.nl',
    howToApply: 'Je krijgt het boekje thuisgestuurd. Kwijt? Vraag het aan bij het Sociaal Wijkteam.',
    hours: [],
  },
  {
    code: 'nibud-geldtools',
    organization: 'NIBUD',
    name: 'Budgetplanner en geldtools',
    description: 'Zet uw inkomsten en vaste lasten op een rij met de gratis budgetplanner. Zo ziet u wat u elke maand overhoudt.',
    audiences: ['residents', 'young_people'],
    themes: ['money'],
    helpKind: 'information',
    url: 'https://www.nibud.nl',
    howToApply: 'Gebruik de tools op de website. U hoeft zich niet aan te melden.',
    hours: [],
  },
  {
    code: 'geldfit-test',
    organization: 'GELDFIT',
    name: 'Geldfit: doe de test',
    description:
      'Doe de korte test over uw geldzaken. Anoniem en in 5 minuten. U krijgt advies dat past bij uw situatie. Er is ook een test voor ondernemers: Geldfit Zakelijk.',
    audiences: ['residents', 'entrepreneurs'],
    themes: ['money'],
    helpKind: 'information',
    url: '/geldfit',
    howToApply: 'Doe de test op deze website.',
    hours: [],
  },
  {
    code: 'voedselhulp-pakket',
    organization: 'VOEDSELHULP',
    name: 'Gratis boodschappenpakket',
    description:
      'Heeft u te weinig geld voor eten? Dan kunt u elke week een gratis pakket met boodschappen halen. Een hulpverlener meldt u aan, bijvoorbeeld het Sociaal Wijkteam.',
    audiences: rs,
    themes: ['money', 'health'],
    helpKind: 'volunteer',
    phone: '078 000 80 10',
    howToApply: 'Vraag het Sociaal Wijkteam of de SDD om u aan te melden. Neem bij de eerste keer uw legitimatie mee.',
    hours: [[5, '13:00', '16:00', 'wijkcentrum-krispijn', { note: 'uitgifte van de pakketten' }]],
  },
  {
    code: 'dordtpas',
    organization: 'DDS',
    name: 'Dordtpas en kindtegoed',
    description: 'Met een laag inkomen krijgt u de Dordtpas gratis. Kinderen krijgen kindtegoed voor sport, muziekles en schoolspullen.',
    audiences: ['residents'],
    themes: ['money', 'children'],
    helpKind: 'information',
    phone: '078 000 70 10',
    howToApply: 'Vraag de Dordtpas aan op deze website.',
    hours: [],
  },
];

/**
 * The starter list of search synonyms: words residents type that the texts do not use. Staff change it on the page
 * "Zoekwoorden"; seeding again never overwrites their changes.
 */
export const demoDirectorySynonyms: { term: string; synonyms: string[] }[] = [
  { term: 'voedselbank', synonyms: ['voedselhulp', 'boodschappenpakket'] },
  { term: 'huurachterstand', synonyms: ['schuldhulp', 'schulden', 'achterstanden'] },
  { term: 'betalingsachterstand', synonyms: ['schuldhulp', 'schulden', 'achterstanden'] },
  { term: 'deurwaarder', synonyms: ['schuldhulp', 'schulden'] },
  { term: 'incasso', synonyms: ['schuldhulp', 'schulden', 'schuldeisers'] },
  { term: 'rekeningen', synonyms: ['geldzaken', 'schulden', 'brieven'] },
  { term: 'energierekening', synonyms: ['geldzaken', 'schulden', 'achterstanden'] },
  { term: 'formulieren', synonyms: ['brieven', 'papieren', 'regelingen'] },
  { term: 'administratie', synonyms: ['thuisadministratie', 'papieren', 'brieven'] },
  { term: 'toeslag', synonyms: ['toeslagen', 'regelingen'] },
  { term: 'budget', synonyms: ['geldzaken', 'geld op orde', 'budgettools'] },
  { term: 'scheiden', synonyms: ['scheiding'] },
  { term: 'zzp', synonyms: ['ondernemers', 'zzp’ers'] },
  { term: 'voedsel', synonyms: ['voedselhulp', 'boodschappen'] },
];

/** Loads the demo map. Running it twice changes nothing; services already there keep their (edited) content. */
export async function seedDirectoryDemo(db: Database): Promise<void> {
  await db.unauditedTransaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const o of demoDirectoryOrganizations) {
      await tx
        .insert(directoryOrganizations)
        .values({ code: o.code, name: o.name, description: o.description, phone: o.phone ?? null, email: o.email ?? null, url: o.url ?? null })
        .onConflictDoNothing();
      const [row] = await tx.select({ id: directoryOrganizations.id }).from(directoryOrganizations).where(eq(directoryOrganizations.code, o.code));
      orgIds.set(o.code, row!.id);
    }
    const locIds = new Map<string, string>();
    for (const l of demoDirectoryLocations) {
      await tx
        .insert(directoryLocations)
        .values({
          code: l.code,
          organizationId: orgIds.get(l.organization)!,
          name: l.name,
          address: l.address,
          postcode: l.postcode,
          areaCode: areaForPostcode(l.postcode)?.code ?? null,
          meetingPlace: l.meetingPlace ?? false,
          description: l.description ?? '',
          latitude: l.position[0],
          longitude: l.position[1],
        })
        .onConflictDoNothing();
      // A place seeded before it had a position gets one; a position staff entered stays.
      await tx
        .update(directoryLocations)
        .set({ latitude: l.position[0], longitude: l.position[1] })
        .where(and(eq(directoryLocations.code, l.code), isNull(directoryLocations.latitude)));
      const [row] = await tx.select({ id: directoryLocations.id }).from(directoryLocations).where(eq(directoryLocations.code, l.code));
      locIds.set(l.code, row!.id);
    }
    for (const s of demoDirectoryServices) {
      const inserted = await tx
        .insert(directoryServices)
        .values({
          code: s.code,
          organizationId: orgIds.get(s.organization)!,
          name: s.name,
          description: s.description,
          audiences: s.audiences,
          themes: s.themes,
          helpKind: s.helpKind,
          phone: s.phone ?? null,
          email: s.email ?? null,
          url: s.url ?? null,
          howToApply: s.howToApply,
        })
        .onConflictDoNothing()
        .returning({ id: directoryServices.id });
      const id = inserted[0]?.id;
      if (!id || !s.hours.length) continue;
      await tx.insert(directorySchedules).values(
        s.hours.map(([weekday, opensAt, closesAt, location, extra]) => ({
          serviceId: id,
          weekday,
          opensAt,
          closesAt,
          locationId: location ? locIds.get(location)! : null,
          mobile: extra?.mobile ?? false,
          note: extra?.note ?? '',
          validFrom: extra?.validFrom ?? null,
        })),
      );
    }
    for (const synonym of demoDirectorySynonyms) await tx.insert(directorySynonyms).values(synonym).onConflictDoNothing();
  });
}
