// The Dutch sentence for each reason a login through an OpenID provider is refused, chosen here and nowhere else.
import type { OidcFailure } from './oidc.ts';

export const oidcMessages: Record<OidcFailure, string> = {
  provider_unreachable: 'De inlogdienst is nu niet bereikbaar. Probeer het over een paar minuten opnieuw.',
  login_expired: 'Het inloggen duurde te lang of is al een keer gebruikt. Begin opnieuw met inloggen.',
  provider_refused: 'De inlogdienst heeft het inloggen niet afgerond. Probeer het opnieuw.',
  token_invalid: 'We konden niet controleren wie u bent. Daarom bent u niet ingelogd. Probeer het opnieuw.',
  no_matching_role: 'U bent wel bekend bij de inlogdienst, maar u heeft geen toegang tot Vangnet. Vraag uw leidinggevende om toegang.',
  not_provisioned: 'Er is in Vangnet geen account voor u. Vraag de beheerder om een account.',
  account_inactive: 'Uw account in Vangnet is niet actief of tijdelijk geblokkeerd. Neem contact op met de beheerder.',
  mapping_invalid: 'De instellingen voor inloggen kloppen niet. Meld dit aan de beheerder.',
  no_bsn: 'Wij hebben uw burgerservicenummer niet gekregen. Daarom bent u niet ingelogd. Probeer het opnieuw.',
  bsn_invalid: 'Het burgerservicenummer dat wij kregen klopt niet. Daarom bent u niet ingelogd. Bel de gemeente als dit blijft gebeuren.',
};
