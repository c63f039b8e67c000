/**
 * The demo programme: Dordrecht's "Samen tegen Armoede 2018-2022" as described in the two seed documents.
 * Seed 002 (progress in the first half of 2021, its table cells broken across lines by the PDF extraction) is
 * reassembled here per initiative; obvious extraction errors ("financiéle", "t.0.v.") are corrected.
 * Seed 000 (the letter of 3 March 2020, about the second half of 2019) gives the letter texts, the
 * commitment 191015/T1 and the related decisions.
 */
export interface SeedInitiative {
  name: string;
  updates: Record<string, string>;
}

export interface SeedLine {
  number: number;
  title: string;
  initiatives: SeedInitiative[];
}

export const seedProgramme = {
  municipalityCode: 'GM0505',
  name: 'Samen tegen Armoede 2018-2022',
  startsOn: '2018-01-01',
  endsOn: '2022-12-31',
  portfolioHolder: 'Peter Heijkoop',
  budgetProgramme: 'Sociaal en Zorgzaam Dordrecht',
  pillar: 'Sociale Leefomgeving',
  coreTeam: 'Stad - Zorg & Ondersteuning',
  author: 'Anne Verweij',
  authorEmail: 'a.verweij@dordrecht.nl',
  responsible: 'Patricia Savenije',
};

const H1 = '2021-H1';
const H2_2019 = '2019-H2';

export const seedLines: SeedLine[] = [
  {
    number: 1,
    title: 'Voorkomen en aanpakken schulden',
    initiatives: [
      {
        name: 'Vroeg Eropaf',
        updates: {
          [H2_2019]:
            'In maart 2019 zijn we samen met Trivire, wijkteams en de SDD gestart met het project Vroeg Eropaf in de wijken Wielwijk, Crabbehof en Krispijn. Het project biedt hulp aan mensen met beginnende betalingsachterstanden. Vanaf februari 2020 worden niet alleen de gegevens over betalingsachterstanden van de huur, maar ook die van de zorgverzekering en het waterbedrijf gemeld. Om de gegevensuitwisseling tussen de verschillende partijen mogelijk te maken hebben Trivire, Zilveren Kruis, Coöperatie VGZ, Evides Waterbedrijf, de SDD en de gemeente een overeenkomst getekend. Hiermee wordt voorgesorteerd op de aanpassing van de Wet gemeentelijke schuldhulpverlening (Wgs) per 2021.',
          [H1]: [
            'Het project Vroeg Eropaf is sinds juli 2020 uitgebreid naar heel Dordrecht waarbij gebruik wordt gemaakt van een nieuw gevormd stedelijk vroegsignaleringsteam, geformeerd door medewerkers vanuit Sociaal Wijkteams.',
            'Per 1 januari 2021 is vroegsignalering in het kader van de Wgs een taak van de gemeente. Dankzij de pilots, was Dordrecht hier goed op voorbereid. Dit betekent dat alle burgers inmiddels n.a.v. een signaal over een betalingsachterstand hoger dan €25,- een bericht ontvangen met het aanbod tot hulp bij financiële problemen. Vroeg Eropaf Dordrecht wordt in nauwe samenwerking met de SDD, SWT en lokale woningcorporaties verder geoptimaliseerd. De lijst met aangesloten schuldeisers groeit gestaag. Belangrijke nieuwe melders zijn de energiebedrijven en particuliere woningcorporaties (met ingang van 1-1-2021 hebben zij de wettelijke plicht om te melden). Dordrecht heeft daarnaast met een aantal andere gemeenten in Nederland SZW verzocht om in het kader van experimenteerruimte Wgs ook informatie van betalingsachterstanden bij gemeentebelastingen mee te mogen nemen. In de zomer van dit jaar verwachten we daarover uitsluitsel.',
            "Het OCD heeft in maart de KPI's opgeleverd over de periode maart t/m oktober 2020. Een meer uitgebreide toelichting op de resultaten van de aanpak Vroeg Eropaf zijn terug te lezen in bijlage 2 bij dit raadsvoorstel. Hierin zijn ook eerste benchmarkgegevens opgenomen uit de nieuwe landelijke monitor vroegsignalering.",
            "Om aan alle privacy eisen te voldoen is een Data protection impact assessment uitgevoerd (DPIA). Deze is getoetst door de functionaris gegevensbescherming (FG). Hieruit kwam naar voren dat er sprake is van een tweetal restrisico's die op 8 juni ter acceptatie aan het college zijn voorgelegd.",
          ].join('\n\n'),
        },
      },
      {
        name: 'Ketenaanpak schulden',
        updates: {
          [H1]: [
            'De Ketenaanpak Schulden is de basis voor vrijwel alle andere projecten op het gebied van schulden en vormt de centrale infrastructuur rondom financiële problematiek, waarop andere dienstverlening wordt aangesloten. O.a. via de ketenaanpak geeft de gemeente Dordrecht invulling aan haar taak op het gebied van de Wgs.',
            'De implementatie van de ketenaanpak bij de SDD en het Sociaal Wijkteam is in volle gang. De Ketenaanpak Schulden is bij steeds meer lokale organisaties en professionals bekend. Steeds meer (vrijwillige) hulpverleners hebben een training in het kader van de ketenaanpak gevolgd. Ook de Alliantie Vrijwillige Schuldhulp (AVS) is inmiddels betrokken en aangesloten op de keten. Uitgebreidere toelichting is opgenomen in bijlage 3 bij deze raadsinformatiebrief.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Vrijwillige schuldhulpverlening',
        updates: {
          [H1]: "Dit jaar geven we de samenwerking tussen formele en informele hulpverlening bij geldzorgen een impuls. De vrijwillige schuldhulpverleners van Humanitas Thuisadministratie en Schuldhulpmaatje zijn begin dit jaar een formeel samenwerkingsverband aangegaan binnen de Alliantie Vrijwillige Schuldhulp (AVS). Hierbij is ook de Buitenwacht, het Inspraakorgaan Turken en Samenwerkingsverband Marokkaanse NL aangesloten. Deze partijen zijn op dit moment druk bezig om de aansluiting op de ketenaanpak te maken. Om deze aansluiting te realiseren hebben Humanitas en Schuldhulpmaatje, naast hun reguliere subsidie, een beperkte incidentele subsidie gekregen. In dit jaar zal ook een start gemaakt worden met het versterken van de nazorg bij schulden. De verwachting is dat vrijwillige schuldhulpverleners hier een belangrijke rol in zullen gaan spelen. Tot slot is de AVS ook samenwerkingspartner in het project 'Impuls bereik dienstverlening' (zie hieronder). In de komende periode organiseren we verschillende samenwerkingsbijeenkomsten tussen vrijwillige hulpverlening en de betaalde hulpverlening.",
        },
      },
      {
        name: 'GeldenzoDordt en Geldfit',
        updates: {
          [H1]: [
            'Om het bereik van inwoners met (mogelijke) financiële problemen of schulden te vergroten en de route naar ondersteuning of hulp te wijzen, wordt ook ingezet op online informatie en ondersteuning via GeldenzoDordt en Geldfit.',
            'GeldenzoDordt is in maart geëvalueerd. Het OCD heeft onderzoek gedaan onder professionele en vrijwillige hulpverleners en het bewonerspanel over de website. Daaruit blijkt dat de website door professionele hulpverleners wordt gewaardeerd met een rapportcijfer van 7,3 en door het bewonerspanel met een 7,1. Respondenten vinden de website handig als verzameling van verschillende lokale initiatieven en hulporganisaties. Uit het rapport zijn ook een aantal verbeterpunten duidelijk geworden, zoals het verbeteren van begrijpelijkheid en vindbaarheid van hulp. De verbeteringen worden in de loop van 2021 verder geïmplementeerd binnen de website.',
            "Geldfit Dordrecht, gericht op particulieren, is in september 2020 live gegaan. Geldfit Zakelijk, gericht op ondernemers, is daar in maart 2021 aan toegevoegd. Binnen deze website kunnen inwoners en ondernemers een korte test maken waarmee ze hun financiële positie en risico's in kaart brengen. Op basis daarvan krijgen zij een advies dat past bij hun persoonlijke situatie. De informatie sluit direct aan bij de infrastructuur in Dordrecht. Zo worden ondernemers die hulp zoeken bijvoorbeeld doorverwezen naar het nieuwe Ondernemersloket van de SDD en inwoners naar de partijen in de Ketenaanpak Schulden.",
            'In Q1 bezochten 1.093 mensen de website Geldfit Dordrecht, waarvan 103 Geldfit Zakelijk. Van de 1.093 bezoekers maakten 244 de test volledig en ontvingen op basis daarvan advies over hun financiële positie en een eventuele doorverwijzing naar hulp.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Impuls bereik dienstverlening',
        updates: {
          [H1]: [
            'Nu er met de ketenaanpak kwalitatief goede en uniforme dienstverlening is gerealiseerd, staat dit jaar in het teken van het verder vergroten van het bereik van alle beschikbare dienstverlening die in de keten is samengebracht. Deze Impuls Bereik is ook met het oog op de effecten van alle coronamaatregelen van groot belang. Voor het vergroten van het bereik hebben we met het intensiveringsvoorstel van het armoedeprogramma extra middelen beschikbaar gemaakt. Als uitwerking hiervan heeft stichting de Sociale Basis (Mee/Vivenz) samen met Buurtwerk en de Alliantie Vrijwillige Schuldhulp (AVS) een plan opgesteld dat recent is gehonoreerd. Deze partijen zijn in samenwerking gestart om de hulpverlening nog dichter bij inwoners te brengen o.a. door mobiele spreekuren in te richten op belangrijke vindplaatsen/ontmoetingsplekken. Door gebruik te maken van elkaars netwerk, het gezamenlijk inzetten van personeel en het inrichten van mobiele teams met dag- en avondspreekuren moet het bereik worden vergroot.',
            'De werkwijze van de Dordtse Ketenaanpak staat ook hierin weer centraal: inwoners ondersteunen en niet loslaten tot ze passende hulp hebben ontvangen.',
          ].join('\n\n'),
        },
      },
      {
        name: "Campagne 'Kom jij eruit?'",
        updates: {
          [H1]: [
            "Het Ministerie van Sociale Zaken en Werkgelegenheid heeft in 2019 de campagne Kom uit je schuld gelanceerd om mensen aan de hand van posters en verhalen van ervaringsdeskundigen en schuldhulpverleners ertoe te bewegen om hulp te vragen. De campagne is door het ministerie aangepast in verband met de coronacrisis en heet nu Kom jij er uit?. De SDD en gemeente Dordrecht hebben tussen 26 januari en 23 februari vier communicatiecampagnes uitgevoerd in het kader van de landelijke campagne 'Kom jij eruit?', waarin de website Geldfit centraal staat. Via Facebook, Twitter en LinkedIn zijn vier afzonderlijke berichten geplaatst, waarbij via Facebook ook gerichte doelgroepen zijn benaderd. Twee berichten zijn gericht op ondernemers en twee berichten op particulieren. De twee berichten voor ondernemers hadden via Facebook een totaal bereik van 13.237 mensen. De twee berichten gericht op particulieren bereikten in totaal 33.864 mensen. In deze periode was t.o.v. 2020 geen toename te zien van het aantal aanmeldingen voor een schuldhulpverleningstraject bij de SDD.",
            'In juni wordt beoordeeld of de campagne later dit jaar of begin volgend jaar wordt herhaald.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Schulden en dakloosheid',
        updates: {
          [H1]: 'Schulden zijn een belangrijke oorzaak van het ontstaan van dakloosheid en vormen vaak ook een belemmering om uit te kunnen stromen uit de maatschappelijke opvang. Daarom zetten we in op zowel het voorkomen van dakloosheid als het bieden van ondersteuning en nazorg bij dakloosheid. Hierbij worden mogelijkheden verkend zoals "verplicht" inkomensbeheer bij huurschulden en bij uitstroom uit de maatschappelijke opvang en het op locatie inzetten van hulp- en dienstverlening.',
        },
      },
      {
        name: 'Adviseurs Geldzaken',
        updates: {
          [H1]: [
            'Met ingang van 2021 is, als gevolg van de bezuinigingsmaatregelen in de Drechtsteden, de dienstverlening van de Adviseurs Geldzaken niet meer voor de regio beschikbaar. Voor Dordrecht handhaven we deze dienstverlening echter wel en brengen daarvoor de Adviseurs Geldzaken onder in het armoedeprogramma. De Adviseurs Geldzaken bieden op diverse manieren ondersteuning aan inwoners op het gebied van bestaanszekerheid.',
            'Voor het jaar 2021 is er een DVO afgesloten met de SDD. Voor de zomer starten we de gesprekken met de SDD over het al dan niet voortzetten van deze DVO voor 2022 en verder. We onderzoeken waar deze dienstverlening voor de langere termijn het beste op zijn plek is en doen zo nodig een voorstel voor wijziging.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Dashboard Sociaal Domein',
        updates: {
          [H1]: 'Het Smart Data Centre Drechtsteden ontwikkelt in opdracht van de gemeente Dordrecht een digitaal Dashboard Sociaal Domein met als onderdeel daarvan een dashboard over armoede en schulden. In dit dashboard komt onder andere geanonimiseerde informatie over de inkomens- en schuldenpositie van inwoners terug. In het eerste kwartaal van dit jaar is het dashboard opgeleverd. Voor het Dashboard SD zijn een datamodel ontwikkeld waaraan vervolgens diverse sets aan data zijn gekoppeld. Op dit moment is bijvoorbeeld het aantal trajecten schuldhulpverlening SDD opgenomen, het aantal aanmaningen en kwijtschelding voor gemeentebelastingen, het aantal bijstandsuitkeringen. Nu de basis voor het dashboard staat worden in de komende fases nieuwe datasets gekoppeld. Zo wordt onder andere de data van inwoners in het wanbetalersregime CAK toegevoegd en wordt ook een koppeling gemaakt met het systeem RIS Vroeg Eropaf. Door steeds meer datasets toe te voegen wordt de informatiepositie van de gemeente op het dossier gaandeweg versterkt. Naarmate het dashboard verder gevuld raakt kan er steeds meer middels het dashboard gestuurd worden op beleid en uitvoering en wordt het gemakkelijker om resultaten te toetsen.',
        },
      },
      {
        name: 'Adviespunt scheiding',
        updates: {
          [H1]: [
            'We sluiten aan op het in ontwikkeling zijnde Adviespunt scheiding. Dit adviespunt wordt bemenst door professionals uit verschillende disciplines zoals jeugdprofessional, een jurist, een maatschappelijk werker etc. Aangezien echtscheidingen vaak naast sociaal emotionele gevolgen ook juridische of financiële gevolgen kunnen hebben, wordt er een verbinding gemaakt tussen met name de ketenaanpak en het adviespunt.',
            'In juni gaat het Adviespunt live in Dordrecht met een wekelijks spreekuur bij het consultatiebureau aan de Brouwersdijk. In de informatiefolder van het adviespunt zal onder andere informatie worden opgenomen over waar je terecht kunt met vragen over schulden. Een aantal medewerkers van het adviespunt is al getraind in werken met de Ketenaanpak Schulden. Zodra het adviespunt draait, kijken we op basis van de casuïstiek welke behoefte er is in de verdere verbinding.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Meldpunt Gedupeerden Toeslagen Kinderopvang',
        updates: {
          [H1]: 'De SDD heeft begin dit jaar het Meldpunt geopend voor ouders die gedupeerd zijn door de Affaire met de kinderopvangtoeslag. Dordrecht heeft een DVO gesloten met de SDD om deze dienstverlening in te kopen. Aangezien het vaak gaat om ouders die op meerdere levensgebieden in de knel zijn gekomen is een integrale benadering vereist. Vanuit het programma ondersteunen we de totstandkoming van samenwerkingsafspraken hierover tussen de SDD, het Sociaal Wijkteam en de Sociaal Pontonnier.',
        },
      },
      {
        name: 'Rekenkameronderzoek',
        updates: {
          [H1]: 'Eind 2020 heeft de rekenkamercommissie haar onderzoek naar de schuldhulpverlening in Dordrecht opgeleverd. Alle aanbevelingen zijn door het college overgenomen en hebben een plek gekregen in de uitvoering van het armoedeprogramma en in de uitvoering van het schuldhulpverleningsbeleid van de SDD. Voor meer informatie hierover zie ook bijlage 3.',
        },
      },
    ],
  },
  {
    number: 2,
    title: 'Kinderen in armoede',
    initiatives: [
      {
        name: 'Pilot Schouders onder Stress (SOS)',
        updates: {
          [H2_2019]:
            'Project Stress sensitieve dienstverlening eenoudergezinnen. Hiermee willen we Dordtse eenoudergezinnen in de bijstand naar duurzame financiële zelfredzaamheid begeleiden. Het project richt zich op 120 alleenstaande ouders (vaak moeders) met één of meer jonge kinderen in een periode van 3 jaar. Het project is in september 2019 live gegaan. Drie medewerkers van het sociaal wijkteam en twee consultants van de SDD werken in tandems om de gezinnen te ondersteunen en te coachen. De eerste 20 gezinnen zijn aangemeld en hebben verkennende gesprekken gehad.',
          [H1]: [
            'Het project SOS, gericht op het bevorderen van de financiële stabiliteit en de kans op duurzame uitstroom naar betaald werk van eenoudergezinnen op of rond het sociaal minimum, is goed op stoom. (Deze pilot had voorheen de titel Stress-sensitieve dienstverlening Eenoudergezinnen.)',
            'Momenteel zit het project op een caseload van ca. 60 gezinnen. Om één van de doelen (100 gezinnen in 3 jaar) te behalen, wordt binnenkort weer een aanbod gedaan aan ca. 150 bijstandsgezinnen in het bestand van de SDD. In het project werken SDD en SWT in tandem samen. Deze samenwerking wordt van grote meerwaarde ervaren door SDD en SWT en geldt ondertussen als goed voorbeeld van integrale samenwerking. Op klantniveau worden de eerste successen geboekt: uitstroom naar werk, meer rust en financiële stabiliteit in de gezinnen en een groep betrokken en actieve ambassadrices. Bij ketenpartners wordt het project steeds bekender.',
            'Wel zien we vrij veel complexe gezinsproblematiek bij de deelnemende gezinnen (schulden staan zelden op zichzelf) wat ertoe kan leiden dat de doorlooptijden van trajecten langer kunnen zijn dan aanvankelijk ingeschat. In het vierde kwartaal van dit jaar verwachten we de evaluatie van het project af te kunnen ronden. De resultaten hiervan worden meegenomen in de eindevaluatie van het programma dat in januari 2022 naar de raad wordt gestuurd.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Kinderopvang (beleidswens kadernota 2020)',
        updates: {
          [H2_2019]:
            'Bij de behandeling van de kadernota 2020 heeft u ingestemd met de beleidswens om incidenteel (2020 en 2021) budget beschikbaar te stellen voor (overbruggende) kinderopvang voor ouders die deelnemen aan de pilot stress-sensitieve dienstverlening. Een professional bekijkt samen met de klant wat nodig is om de kinderopvang vanaf dag 1 goed te regelen en de bijbehorende stress te voorkomen. Deze aanpak wordt in de vorm van een pilot twee jaar getest en doorontwikkeld. Het projectplan is gereed en de voorbereiding voor de implementatiefase (april 2020) is gestart.',
          [H1]: [
            'Onderdeel van de pilot SOS is het project kinderopvang (beleidswens kadernota 2020).',
            'Dit project is als gevolg van corona vertraagd en pas in 2021 gestart. Doel van dit project is het realiseren van overbruggende kinderopvang voor een aantal maanden voor ouders van kinderen uit de Drechtsteden die deelnemen aan Perspct en aan de pilot SOS, zodat zij snel aan de slag kunnen met hun traject richting werk of scholing. In het bovenliggende raadsvoorstel staat het voorstel om de niet-bestede middelen 2020 in 2021 en 2022 aan te wenden.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Kindtegoed (Dordtpas)',
        updates: {
          [H1]: [
            'Cruciaal voor kinderen en jongeren is de toegang tot en mee kunnen doen aan school, sport, vrijetijdsvoorzieningen, etc. We willen bestaande en nieuwe groepen goed bedienen via kindtegoed (Dordtpas) en het bereik van de Dordtpas onder minima vergroten (zie programmalijn Werkende Armen).',
            'Om meer inzicht te krijgen in de effecten van de invoering van de Dordtpas op de werking van het kindtegoed wordt in opdracht van de SDD op dit moment een evaluatie uitgevoerd door het OCD. Resultaten hieruit nemen we mee in de eindevaluatie van het armoedeprogramma.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Signaleren op school, in jeugdgezondheidszorg en jongerenwerk',
        updates: {
          [H1]: 'Belangrijke signaleerders van armoede onder kinderen en jongeren zijn het jongerenwerk, medewerkers uit de jeugdgezondheidszorg en (zorgcoördinatoren van) scholen. We werken dit jaar onder andere aan de verbinding van deze partijen aan de Ketenaanpak Schulden.',
        },
      },
      {
        name: 'Fix Up Your Life (jongerenwerk op scholen)',
        updates: {
          [H1]: [
            'Vanuit het Jongerenwerk wordt de komende paar jaar extra ingezet op presentie op scholen. Hierbij is ook aandacht voor armoede en schulden. Dit gebeurt onder andere via de aanpak Fix Up Your Life die speciaal gericht is op jongeren met schulden.',
            'Deze aanpak komt vooralsnog onvoldoende uit de verf. De sluiting/slechts gedeeltelijke openstelling van middelbare scholen als gevolg van corona is hier voor een belangrijk deel debet aan. We voeren momenteel het gesprek met het jongerenwerk om er voor te zorgen dat hiermee na de zomervakantie goed van start gegaan kan worden.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Verlengde schooltijd',
        updates: {
          [H1]: 'Vanuit het onderwijsbeleid is de ontwikkeling gaande om de verlengde schooltijd meerjarig in te zetten (op basisscholen waar relatief veel leerlingen kampen met (een risico op) een onderwijsachterstand) met oog op structurele sociaaleconomische positieverbetering van het kind op latere volwassen leeftijd (inclusief financiële positie). Deze aanpak kan zeer van betekenis zijn voor het doorbreken van intergenerationele armoede. Vanuit het armoedeprogramma dragen we daarom waar mogelijk bij aan de ontwikkeling en implementatie van dit initiatief.',
        },
      },
      {
        name: 'Informatievoorziening jongeren',
        updates: {
          [H1]: 'We stellen al langer het Nibud-boekje Voor boven de 18 beschikbaar aan jongeren die 18 jaar worden. We willen nader verkennen welke informatiebehoefte jongeren hebben op het gebied van financiën en schulden. Hoe kunnen we de informatie over financiën en het hulp- en ondersteuningsaanbod als je er zelf even niet meer uit komt, nog beter toegankelijk maken voor jongeren.',
        },
      },
      {
        name: 'Kinderparticipatie (Open Limonade)',
        updates: {
          [H2_2019]:
            'In 2019 zijn kinderen van basisscholen gevraagd naar hun ideeën om armoede onder kinderen tegen te gaan. De ideeën zijn voor de zomer gepresenteerd. In het najaar hebben de kinderen drie ideeën gekozen die nu uitgevoerd gaan worden. Dit zijn: kinderroute door de stad langs leuke/gratis plekken, kamer-make-over en uitgestelde boodschappen.',
        },
      },
    ],
  },
  {
    number: 3,
    title: 'Werkende armen',
    initiatives: [
      {
        name: 'Participatie (Dordtpas)',
        updates: {
          [H2_2019]:
            'Vanaf 1 januari hebben we een Dordtpas! Voor mensen met een laag inkomen is de Dordtpas gratis, voor anderen is de Dordtpas te koop. Mantelzorgers krijgen de Dordtpas als waardering voor hun inzet. Vrijwilligersorganisaties kunnen de Dordtpas voor hun vrijwilligers aanschaffen tegen gereduceerd tarief. Nu de ontwikkel- en implementatiefase van de Dordtpas is afgerond is de Dordtpas per januari 2020 geen onderdeel meer van het programma Samen tegen Armoede (de uitvoering en doorontwikkeling van de Dordtpas is belegd bij Dienstverlening Drechtsteden).',
          [H1]: 'De gemeente Dordrecht heeft sinds januari 2020 de Dordtpas. Hiermee willen we iedereen de mogelijkheden bieden mee te doen (participatie) en meer uit zichzelf en de stad te laten halen. De Dordtpas is voor iedereen te koop, voor inwoners van Dordrecht en daarbuiten. Voor inwoners tot 140% van het wettelijk sociaal minimum is de Dordtpas gratis. Voor kinderen uit deze gezinnen wordt via de Dordtpas het kindtegoed beschikbaar gesteld, dat kan worden besteed aan leermiddelen en participatie-bevorderende activiteiten, zoals sport en muziekles. De Dordtpas is daarmee een belangrijk beleidsinstrument voor het gemeentelijke armoedebeleid. Vanuit dat belang is het goed om uit de recente evaluatie van het eerste Dordtpasjaar te zien dat de pas ondanks alle coronamaatregelen, toch op een positieve wijze heeft kunnen bijdragen aan de participatiemogelijkheden van inwoners met een laag inkomen. Zo zagen we een groot bereik onder inwoners met een laag inkomen; 80%, 7.836 van de volwassenen in de doelgroep ontving de pas en 3.666 kinderen waarvan 3.191 ook het kindtegoed. Het bereik van het kindtegoed steeg daarmee met 8% t.o.v. 2019. De Dordtpas bood ook een praktisch instrument waarmee we als gemeente in december op zeer korte termijn een actie i.h.k.v. Scrooge mogelijk konden maken om €25,- kindcadeau beschikbaar te stellen aan kinderen uit de doelgroep. Deze actie stimuleerde op haar beurt weer diverse Dordtse ondernemers om zich (structureel) aan te sluiten bij de Dordtpas. Aandachtspunten die het armoedebeleid raken zijn er vanzelfsprekend ook. De groep niet-bijstandsontvangers die gezien hun inkomen recht hebben op een Dordtpas (werkende minima) kan nog verhoogd worden. In 2021 wordt daarom extra aandacht besteed aan het aanmeldproces om deze doelgroep beter te bereiken. De volledige uitkomsten van deze evaluatie ontvangt u in een separate raadsinformatiebrief (gelijktijdig of vrijwel gelijktijdig met deze informatie).',
        },
      },
      {
        name: 'Informatie- en adviespunt werkgevers',
        updates: {
          [H1]: 'We werken aan de verkenning naar de mogelijkheden om een informatie- en adviespunt in te richten dat werkgevers kan helpen medewerkers met geldproblemen te ondersteunen. De eerste gesprekken met werkgevers hierover zijn ondertussen afgerond. Werkgevers vinden het een relevant thema en willen graag meedenken in de verdere ontwikkeling. De problemen met schuldenproblematiek verschillen sterk per bedrijf, maar vrijwel alle gesproken werkgevers hebben werknemers met loonbeslagen. Opvallend is dat er weinig gebruik wordt gemaakt van gemeentelijke dienstverlening op het gebied van schulden. In de zomer volgt een bredere bijeenkomst waarin we samen met werkgevers en de gemeentelijke dienstverlening (SDD, organisaties uit de ketenaanpak) gaan kijken hoe we hierin meer samenwerking kunnen organiseren.',
        },
      },
      {
        name: 'Informatiecampagne',
        updates: {
          [H1]: 'Op basis van de gesprekken met werkgevers is besloten om vanuit de SDD en de ketenaanpak Dordrecht gezamenlijke informatie te ontwikkelen voor werkgevers over de wijze waarop zij werknemers met geldzorgen kunnen ondersteunen. Hoe dit er uit komt te zien is nog onderwerp van gesprek. Bij een eerste presentatie van de site Geldfit en het Ondernemersloket ontvingen we al veel positieve feedback van werkgevers.',
        },
      },
      {
        name: 'Congres werkende armen',
        updates: {
          [H2_2019]:
            'Najaar 2019 is verkend wat de gemeente Dordrecht kan doen voor haar eigen medewerkers die financieel kwetsbaar zijn. Daarnaast is met diverse stakeholders en partners verkend om hoeveel werkende minima het gaat in Dordrecht, wat er zoal is qua ondersteuning en hoe deze ondersteuning versterkt kan worden. In juni 2020 volgt een congres om het thema onder de aandacht te brengen van werkgevers in onze regio en om de bevindingen uit de verkenning te toetsen.',
          [H1]: 'Als de ontwikkelingen het toelaten organiseren we in 2021 het uitgestelde congres om armoede en schulden onder de aandacht te brengen van werkgevers. In de komende gesprekken met werkgevers verkennen we wat een passend moment kan zijn voor een congres.',
        },
      },
      {
        name: 'Verruiming dienstverlening voor werkenden',
        updates: {
          [H1]: 'Om het bereik van de bestaande dienstverlening onder werkenden te vergroten zijn de dienstverlening van Bureau Sociaal Raadslieden en het Financieel Hulphuis verruimd. BSR gaat naast ochtend- en avondspreekuren ook middagspreekuren draaien, zodat er meer mogelijkheden ontstaan bijvoorbeeld voor mensen die in ploegendienst werken. Het FHH gaat naast ochtend- en middagspreekuren ook een avondspreekuur draaien om werkenden meer gelegenheid te geven van hun ondersteuning gebruik te maken.',
        },
      },
    ],
  },
  {
    number: 4,
    title: 'Armoede en gezondheid',
    initiatives: [
      {
        name: 'Gezonde wijk De Staart',
        updates: {
          [H2_2019]:
            "In de tweede helft van 2019 is met diverse partijen uit de stad verkend hoe de programmalijn 'Armoede en Gezondheid' ingevuld kan worden. Ook heeft in september 2019 een werksessie plaatsgevonden met een aantal raadsleden. We gaan op De Staart starten met een integrale wijkaanpak waarbij we, samen met inwoners en professionals, inzetten op een effectief gebruik van een passend en bestaand aanbod op het gebied van armoede en gezondheid. U heeft in december een raadsinformatiebrief ontvangen met het uitvoeringsplan (dossier 2508035).",
          [H1]: [
            "Dit project richt zich op het samen met inwoners en professionals in de wijk ontwikkelen van effectieve routes naar passend en bestaand aanbod op het gebied van armoede en gezondheid. Van beweegprogramma's en ontmoetingsactiviteiten tot leefstijlinterventies en vrijwilligerswerk. Het tot stand brengen van een goede verbinding tussen het sociaal domein en het medisch domein vormt daarin een belangrijke rode draad. De zes segmenten van positieve gezondheid vormen daarvoor de basis.",
            'Het benaderen en betrekken van inwoners was vanwege corona niet tot zeer beperkt mogelijk. Wel hebben professionals van diverse organisaties in de wijk de samenwerking met elkaar gezocht om gezamenlijke klantroutes uit te werken. Het inregelen van goede doorverwijzing en gegevensdeling tussen huisarts en het Sociaal Wijkteam is een belangrijk onderdeel van de te ontwikkelen aanpak. Hiervoor maken we gebruik van het stedelijke project sociaal recept. Daarbij verwijzen huisartsen inwoners bij vermoeden van een maatschappelijke ondersteuningsvraag door naar passende ondersteuning buiten het medische circuit.',
            'Met de verwachting dat er in en na de zomer meer ruimte ontstaat voor het bij elkaar brengen van groepen, gaan we vanaf de zomer aan de slag met het actief benaderen en betrekken van inwoners.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Gecombineerde leefstijlinterventie (GLI)',
        updates: {
          [H1]: [
            'Mensen met een gezondheidsrisico door overgewicht kunnen sinds 2019 door de huisarts verwezen worden naar een zogenoemde gecombineerde leefstijlinterventie (GLI). Dit is een combinatie van behandelingen gericht op gezondere voeding en eetgewoontes, bewegen en psychologische interventies ter bevordering van gedragsverandering bij mensen met ernstig overgewicht en verhoogd risico op chronische aandoeningen.',
            "Gecombineerd met ondersteuning bij het oplossen van geldzorgen en lokale beweegprogramma's biedt GLI goede kansen voor structurele gezondheidswinst. Tot voor kort was er echter geen GLI aanbod in Dordrecht beschikbaar. Door onze inzet is er in de afgelopen periode aanbod gerealiseerd in Dordrecht. Via Your Healthspot zijn 10 leefstijlcoaches actief. Met de verzekeraar voeren we gesprekken over verdere samenwerking op dit gebied.",
          ].join('\n\n'),
        },
      },
      {
        name: 'Samenwerking met huisartsen (sociaal recept)',
        updates: {
          [H1]: "Er komt steeds meer aandacht voor de signalerende rol van huisartsen en POH-ers bij maatschappelijke ondersteuningsvragen. Met oog op de effecten van de coronacrisis schaalt het Rijk aanpakken zoals 'krachtige basiszorg' en het 'interventiepakket geldzorgen' versneld op. Vanuit de gemeente wordt geregeld deelgenomen aan overleggen van de Drechtdokters (voorheen ZGWA) om verschillende onderwerpen op de agenda van de huisartsen en POH-ers te krijgen. Eén van deze onderwerpen is sociaal recept (zie boven). Daarbij staan eenvoudige richtlijnen voor signalering en een eenvoudig systeem voor doorverwijzing centraal. Vanuit de lopende projecten sluiten we zo goed mogelijk aan bij de huisartsen om het voor hen aantrekkelijk en laagdrempelig te maken om zelf actief de verbinding te leggen met het sociale domein.",
        },
      },
      {
        name: 'Signalering door zorgprofessionals',
        updates: {
          [H1]: [
            'Om de signalering van zorgprofessionals te verbeteren zetten we in op verdere deskundigheidsbevordering en ontwikkeling van instrumentarium voor screening en doorverwijzing naar de Ketenaanpak Schulden.',
            'Ondertussen zijn onder meer Thuisbegeleiders en medewerkers van het Leger des Heils getraind in het werken volgens de Ketenaanpak Schulden. Stapsgewijs sluiten we in de komende anderhalf jaar ook andere zorgorganisaties aan.',
          ].join('\n\n'),
        },
      },
      {
        name: 'Kansrijke Start en SOS',
        updates: {
          [H1]: [
            'We onderzoeken of het project Kansrijke Start en het project SOS elkaar kunnen versterken. In het project Kansrijke Start wordt samengewerkt aan het tot stand brengen van ketenafspraken tussen organisaties die een rol spelen rondom de geboorte en eerste levensjaren van kinderen, zoals kinderartsen en gynaecologen van het Albert Schweitzer Ziekenhuis, verloskundigen, kraamzorg, JGZ. Gekeken wordt of gezinnen die in deze keten gezien worden baat hebben bij de coaching en begeleiding vanuit het project SOS. Voor deelnemende gezinnen in het project maken we zodra mogelijk GLI toegankelijk.',
            'Eerste verkennende gesprekken hebben ondertussen plaatsgevonden. Afgesproken is dat de uitvoerders van de Kansrijke Start en SOS aan elkaar gekoppeld worden en dat gezamenlijk gekeken wordt naar de mogelijkheden voor medefinanciering vanuit de zorgverzekeraar. Ook kijken we naar mogelijkheden om deze verbinding op De Staart concreet te maken.',
          ].join('\n\n'),
        },
      },
    ],
  },
];

export const seedCommitments = [
  {
    code: '191015/T1',
    title: 'Terugkoppelen hoe zorgverzekeraar VGZ de ouders informeert over gratis tandzorg voor kinderen',
    description: 'Beantwoording door het college van art. 40 RvO vragen van de fracties GroenLinks en D66 over berichten m.b.t. tandartsbezoek kinderen.',
    dueOn: '2020-03-31',
    state: 'in_progress' as const,
    answeredInPeriod: '2019-H2',
    answer:
      'Dit betreft de toezegging om terug te koppelen hoe zorgverzekeraar VGZ de ouders informeert over gratis tandzorg voor kinderen. VGZ heeft alle ouders van kinderen die bij hen verzekerd zijn een brief of mail gestuurd over het feit dat tandzorg gratis is voor kinderen onder de 18 jaar. VGZ monitort de resultaten in een dashboard. Na een halfjaar wordt bekeken wat de resultaten zijn van de actie. In de volgende halfjaarlijkse raadsinformatiebrief informeren wij u daarover. Verder hebben we informatie over gratis tandzorg opgenomen op de website www.geldenzodordt.nl en heeft Jong JGZ aandacht voor tandzorg tijdens de contactmomenten met ouders.',
  },
];

export const seedDecisions = [
  { risNumber: '2093399', title: 'Raadsbesluit Samen tegen armoede 2018-2022', decidedOn: '2018-02-20' },
  { risNumber: '2271506', title: 'RIB voortgang programma Samen tegen Armoede', decidedOn: '2018-10-02' },
  { risNumber: '2435949', title: 'RIB voortgang programma Samen tegen Armoede', decidedOn: '2019-07-02' },
  { risNumber: '2478007', title: 'Presentatie stand van zaken Dordtpas', decidedOn: '2019-10-10' },
  { risNumber: '2508035', title: 'RIB over programmalijn Armoede en Gezondheid', decidedOn: '2019-12-10' },
];

export const seedLetters = [
  {
    period: '2019-H2',
    letterDate: '2020-03-03',
    caseNumber: 'InProces BBV: 2020-0024615',
    reasonText: [
      "In het raadsvoorstel bij het programma 'Samen tegen Armoede 2018 – 2022' hebben wij toegezegd u elk halfjaar over de voortgang van het programma te informeren. Dit is de derde raadsinformatiebrief die u hierover ontvangt.",
      "In oktober 2019 vond in de commissie sociale leefomgeving een themabijeenkomst plaats over het programma 'Samen tegen Armoede'. De volgende projecten zijn op deze avond behandeld: de pilot Vroeg erop af bij betalingsachterstanden, de website GeldenzoDordt.nl, het kinderparticipatietraject Open Limonade en de Ketenaanpak schulden. Een overzicht van de voortgang van alle projecten van het programma is als bijlage bij deze raadsinformatiebrief gevoegd.",
    ].join('\n\n'),
    informationText: 'We belichten hieronder slechts die projecten waarbij de afgelopen maanden nieuwe of relevante ontwikkelingen hebben plaatsgevonden.',
    nextStepsText: 'In het najaar ontvangt u de volgende raadsinformatiebrief over de voortgang van het programma Samen tegen Armoede.',
    costsText: 'Niet van toepassing.',
  },
  {
    period: '2021-H1',
    letterDate: '2021-06-29',
    caseNumber: '',
    reasonText:
      "In het raadsvoorstel bij het programma 'Samen tegen Armoede 2018 – 2022' hebben wij toegezegd u elk halfjaar over de voortgang van het programma te informeren. Een overzicht van de voortgang van alle projecten van het programma, per programmalijn, is als bijlage bij deze raadsinformatiebrief gevoegd.",
    informationText:
      'We belichten hieronder de projecten waarbij de afgelopen maanden nieuwe of relevante ontwikkelingen hebben plaatsgevonden. Vroeg Eropaf werkt sinds juli 2020 in heel Dordrecht en is sinds 1 januari 2021 een wettelijke taak. Geldfit Zakelijk is in maart 2021 toegevoegd aan Geldfit. Het Dashboard Sociaal Domein is in het eerste kwartaal opgeleverd.',
    nextStepsText: 'In januari 2022 ontvangt u de eindevaluatie van het programma Samen tegen Armoede.',
    costsText: 'Niet van toepassing.',
  },
];
