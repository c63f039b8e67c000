import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  activeScopes,
  addWorkingDays,
  availableActions,
  dueDates,
  dutchPublicHolidays,
  easterSunday,
  hasActiveConsent,
  isWorkingDay,
  overdueFlags,
  responsibleSide,
  sideOf,
  transition,
  workingDaysBetween,
  type ReferralAction,
  type ReferralState,
} from './domain.ts';

describe('the state machine of a referral', () => {
  it('walks the happy path: sent → accepted → first contact → help in place → closed, by the receiver', () => {
    let state: ReferralState = 'sent';
    for (const action of ['accept', 'first_contact', 'help_in_place', 'close'] as ReferralAction[]) {
      const result = transition(state, action, 'receiver');
      expect(result.ok, action).toBe(true);
      if (result.ok) state = result.to;
    }
    expect(state).toBe('closed');
  });

  it('lets only the receiver accept, decline and record contact', () => {
    for (const action of ['accept', 'decline'] as const) {
      const result = transition('sent', action, 'sender', 'reden');
      expect(result).toEqual({ ok: false, reason: 'receiver_only' });
    }
    expect(transition('accepted', 'first_contact', 'sender').ok).toBe(false);
  });

  it('needs a reason to decline, and to close before help is in place', () => {
    expect(transition('sent', 'decline', 'receiver')).toEqual({ ok: false, reason: 'reason_required' });
    expect(transition('sent', 'decline', 'receiver', '   ')).toEqual({ ok: false, reason: 'reason_required' });
    expect(transition('sent', 'decline', 'receiver', 'Geen schuldenproblematiek')).toEqual({ ok: true, to: 'declined' });
    expect(transition('accepted', 'close', 'sender').ok).toBe(false);
    expect(transition('help_in_place', 'close', 'receiver')).toEqual({ ok: true, to: 'closed' });
  });

  it('refuses skipping steps and anything after closing', () => {
    expect(transition('sent', 'help_in_place', 'receiver').ok).toBe(false);
    expect(transition('sent', 'first_contact', 'receiver').ok).toBe(false);
    expect(transition('declined', 'accept', 'receiver').ok).toBe(false);
    for (const action of ['accept', 'decline', 'first_contact', 'help_in_place', 'close'] as ReferralAction[]) {
      expect(transition('closed', action, 'receiver', 'x').ok).toBe(false);
    }
  });

  it('offers exactly the actions the state machine accepts', () => {
    const states: ReferralState[] = ['sent', 'accepted', 'declined', 'first_contact', 'help_in_place', 'closed'];
    const actions: ReferralAction[] = ['accept', 'decline', 'first_contact', 'help_in_place', 'close'];
    for (const state of states) {
      for (const side of ['sender', 'receiver'] as const) {
        const offered = availableActions(state, side);
        for (const action of actions) expect(transition(state, action, side, 'reden').ok, `${state} ${side} ${action}`).toBe(offered.includes(action));
      }
    }
    expect(availableActions('sent', 'receiver')).toEqual(['accept', 'decline', 'close']);
    expect(availableActions('declined', 'sender')).toEqual(['close']);
  });

  it('keeps the sender responsible until first contact ("niet loslaten")', () => {
    expect(responsibleSide('sent', true)).toBe('sender');
    expect(responsibleSide('accepted', true)).toBe('sender');
    expect(responsibleSide('declined', true)).toBe('sender');
    expect(responsibleSide('first_contact', true)).toBe('receiver');
    expect(responsibleSide('help_in_place', true)).toBe('receiver');
    expect(responsibleSide('closed', true)).toBeNull();
    // A self-test request has no sending organisation: the receiver holds the resident from the start.
    expect(responsibleSide('sent', false)).toBe('receiver');
  });

  it('says which side an organisation is on', () => {
    expect(sideOf({ fromOrganisationId: 'a', toOrganisationId: 'b' }, 'a')).toBe('sender');
    expect(sideOf({ fromOrganisationId: 'a', toOrganisationId: 'b' }, 'b')).toBe('receiver');
    expect(sideOf({ fromOrganisationId: 'a', toOrganisationId: 'b' }, 'c')).toBeNull();
    expect(sideOf({ fromOrganisationId: null, toOrganisationId: 'b' }, 'b')).toBe('receiver');
  });
});

describe('working days and service levels', () => {
  it('skips weekends', () => {
    // 2026-11-27 is a Friday.
    expect(isWorkingDay('2026-11-27')).toBe(true);
    expect(isWorkingDay('2026-11-28')).toBe(false);
    expect(isWorkingDay('2026-11-29')).toBe(false);
    expect(addWorkingDays('2026-11-27', 1)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-27', 3)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-28', 3)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-23', 3)).toBe('2026-11-26');
    expect(addWorkingDays('2026-11-23', 5)).toBe('2026-11-30');
  });

  it('skips configured holidays', () => {
    expect(addWorkingDays('2026-12-24', 1, new Set(['2026-12-25']))).toBe('2026-12-28');
  });

  it('knows the Dutch public holidays, with Easter computed', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(dutchPublicHolidays(2026)).toEqual(['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-05', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26']);
    // King's Day moves to Saturday 26 April when the 27th is a Sunday (2025).
    expect(dutchPublicHolidays(2025)).toContain('2025-04-26');
  });

  it('gives due dates that skip Christmas and New Year', () => {
    // Thursday 24 December 2026: Friday 25th is Christmas, then the weekend.
    expect(dueDates('2026-12-24', { answerWorkingDays: 3, firstContactWorkingDays: 5 })).toEqual({
      answerDueDate: '2026-12-30',
      firstContactDueDate: '2027-01-04',
    });
    // Ascension Day (Thursday 14 May 2026) does not count.
    expect(dueDates('2026-05-13', { answerWorkingDays: 1, firstContactWorkingDays: 2 })).toEqual({
      answerDueDate: '2026-05-15',
      firstContactDueDate: '2026-05-18',
    });
  });

  it('counts working days between two dates, the inverse of adding them', () => {
    expect(workingDaysBetween('2026-11-27', '2026-12-02')).toBe(3);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 40 }), (offset, n) => {
        const start = new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);
        const due = addWorkingDays(start, n);
        return workingDaysBetween(start, due) === n && (n === 0 || isWorkingDay(due));
      }),
    );
  });

  it('flags an unanswered referral after the answer term, and a missing first contact after its term', () => {
    const r = { ...dueDates('2026-11-27', { answerWorkingDays: 3, firstContactWorkingDays: 5 }) };
    expect(r).toEqual({ answerDueDate: '2026-12-02', firstContactDueDate: '2026-12-04' });
    expect(overdueFlags({ ...r, state: 'sent' }, '2026-12-02')).toEqual([]);
    expect(overdueFlags({ ...r, state: 'sent' }, '2026-12-03')).toEqual(['answer_overdue']);
    expect(overdueFlags({ ...r, state: 'accepted' }, '2026-12-03')).toEqual([]);
    expect(overdueFlags({ ...r, state: 'sent' }, '2026-12-07')).toEqual(['answer_overdue', 'first_contact_overdue']);
    expect(overdueFlags({ ...r, state: 'accepted' }, '2026-12-07')).toEqual(['first_contact_overdue']);
    expect(overdueFlags({ ...r, state: 'first_contact' }, '2026-12-07')).toEqual([]);
    expect(overdueFlags({ ...r, state: 'declined' }, '2026-12-07')).toEqual([]);
  });
});

describe('consent', () => {
  it('shares the union of the scopes of active consents for that organisation', () => {
    const now = new Date();
    const consents = [
      { organisationId: 'a', withdrawnAt: null, scopes: ['contact'] },
      { organisationId: 'a', withdrawnAt: now, scopes: ['question', 'progress'] },
      { organisationId: 'a', withdrawnAt: null, scopes: ['question', 'unknown'] },
      { organisationId: 'b', withdrawnAt: null, scopes: ['progress'] },
    ];
    expect([...activeScopes(consents, 'a')].sort()).toEqual(['contact', 'question']);
    expect([...activeScopes(consents, 'b')]).toEqual(['progress']);
    expect(activeScopes(consents, 'c').size).toBe(0);
  });

  it('counts only consents that are not withdrawn, for that organisation', () => {
    const withdrawn = new Date('2026-11-25T10:00:00Z');
    expect(hasActiveConsent([], 'a')).toBe(false);
    expect(hasActiveConsent([{ organisationId: 'a', withdrawnAt: null }], 'a')).toBe(true);
    expect(hasActiveConsent([{ organisationId: 'a', withdrawnAt: null }], 'b')).toBe(false);
    expect(hasActiveConsent([{ organisationId: 'a', withdrawnAt: withdrawn }], 'a')).toBe(false);
    expect(
      hasActiveConsent(
        [
          { organisationId: 'a', withdrawnAt: withdrawn },
          { organisationId: 'a', withdrawnAt: null },
        ],
        'a',
      ),
    ).toBe(true);
  });
});
