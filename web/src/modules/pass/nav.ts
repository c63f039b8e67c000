import type { NavItem } from '../../nav.ts';

/** The module's entries in the staff menu (kept apart from its pages, so the menu never imports a page). */
export const passStaffNav: NavItem[] = [
  { to: '/medewerkers/dordtpas/kassa', label: 'Kassa Dordtpas', permission: 'pass:charge' },
  { to: '/medewerkers/dordtpas/aanvragen', label: 'Dordtpas aanvragen', permission: 'pass:administer' },
  { to: '/medewerkers/dordtpas/normen', label: 'Dordtpas normen', permission: 'pass:administer' },
  { to: '/medewerkers/dordtpas/nieuw-pasjaar', label: 'Dordtpas nieuw pasjaar', permission: 'pass:administer' },
  { to: '/medewerkers/dordtpas/regels-pasjaar', label: 'Dordtpas regels per pasjaar', permission: 'pass:administer' },
  { to: '/medewerkers/dordtpas/aanbieders', label: 'Dordtpas aanbieders', permission: 'pass:providers' },
  { to: '/medewerkers/dordtpas/ons-aanbod', label: 'Dordtpas: ons aanbod', permission: 'pass:charge' },
  { to: '/medewerkers/dordtpas/aanbod-beoordelen', label: 'Dordtpas aanbod beoordelen', permission: 'pass:providers' },
  { to: '/medewerkers/dordtpas/bijdragen', label: 'Dordtpas bijdragen', permission: 'pass:campaigns' },
  { to: '/medewerkers/dordtpas/uitbetalingen', label: 'Dordtpas uitbetalingen', permission: 'pass:providers' },
];
