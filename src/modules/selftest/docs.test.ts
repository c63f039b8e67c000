import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contactForm, questionsPage, startPage, strings, thanksPage } from './pages.ts';
import { profileLabels, questionnaireBySlug } from './scoring.ts';

/** docs/selftest.md is what other tests (the resident path) are written against: it must stay true. */
describe('docs/selftest.md', () => {
  const doc = fs.readFileSync(new URL('../../../docs/selftest.md', import.meta.url), 'utf8');
  const residents = questionnaireBySlug('inwoners')!;
  const rendered = [
    startPage('nl'),
    startPage('en'),
    questionsPage(residents, 'nl'),
    questionsPage(residents, 'en'),
    contactForm(residents, 'urgent', 'nl').value,
    contactForm(residents, 'urgent', 'en').value,
    thanksPage('nl'),
    thanksPage('en'),
  ].join('\n');

  it('names button and heading texts that the pages really show', () => {
    const quoted = [...doc.matchAll(/\*\*"([^"]+)"\*\*/g)].map((m) => m[1]!);
    expect(quoted.length).toBeGreaterThanOrEqual(6);
    for (const text of quoted) expect(rendered, text).toContain(text.replace(/'/g, '&#39;'));
    for (const text of [
      'Geldfit: hoe staat u ervoor met geld?',
      'Start de test voor inwoners',
      'Start de test voor ondernemers',
      'Start the test for residents',
      'Start the test for entrepreneurs',
    ]) {
      expect(doc).toContain(text);
      expect(rendered).toContain(text);
    }
  });

  it('lists the contact form labels and the consent text exactly', () => {
    for (const lang of ['nl', 'en'] as const) {
      const s = strings(lang);
      for (const label of [s.name, s.phoneLabel, s.email, s.question_, s.consent]) {
        expect(doc, label).toContain(label);
        expect(rendered).toContain(label);
      }
    }
  });

  it('names the profiles as the pages do', () => {
    for (const labels of Object.values(profileLabels)) {
      expect(doc).toContain(`"${labels.nl}"`);
      expect(doc).toContain(`"${labels.en}"`);
    }
  });
});
