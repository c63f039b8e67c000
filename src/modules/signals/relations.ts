import { and, inArray, isNotNull } from 'drizzle-orm';
import type { PersonRelation } from '../../platform/needToKnow.ts';
import { signalCases } from './schema.ts';

/**
 * Vroeg Eropaf's lawful relation with a resident: the early-signal team works the households' cases of its
 * municipality (a signal officer, `signals:work`), from the first signal until the case is purged at the end of
 * the retention term. Creditors report signals but never read residents back.
 */
export const signalPersonRelations: PersonRelation[] = [
  {
    code: 'signals:case',
    description: 'Zaak van het vroegsignaleringsteam in de eigen gemeente (medewerker vroegsignalering)',
    personIds: (tx, reader) =>
      reader.roles.includes('signal_officer')
        ? tx
            .select({ id: signalCases.personId })
            .from(signalCases)
            .where(and(inArray(signalCases.municipalityCode, reader.municipalities), isNotNull(signalCases.personId)))
        : null,
  },
];
