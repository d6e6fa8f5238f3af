import {
  subjectTagPattern,
  tagSubject,
  ticketNumbersInSubject,
  untaggedSubject,
} from './subject-tag';

describe('ticketNumbersInSubject', () => {
  it.each([
    'AW: [#1042] Drucker im 2. OG druckt nicht',
    'VS: [#1042] Drucker',
    'SV: [#1042] Drucker',
    'WG: [#1042] Drucker',
    'Antw: [#1042] Drucker',
    'Fwd: Re: [#1042] Drucker',
    'Abwesenheitsnotiz: Re: [#1042] Drucker',
    'Drucker druckt nicht [# 1042]',
  ])('finds the tag in %s', (subject) => {
    expect(ticketNumbersInSubject(subject)).toEqual(['1042']);
  });

  it('ignores a number without the tag', () => {
    expect(ticketNumbersInSubject('Re: Raum 1042 ist kalt')).toEqual([]);
  });

  it('uses a configured template', () => {
    const pattern = subjectTagPattern('Ticket#<number>');

    expect(ticketNumbersInSubject('RE: Ticket#2026120410000012 Drucker', pattern)).toEqual([
      '2026120410000012',
    ]);
    expect(ticketNumbersInSubject('RE: [#2026120410000012] Drucker', pattern)).toEqual([]);
  });

  it('rejects a template without placeholder', () => {
    expect(() => subjectTagPattern('[#]')).toThrow('<number>');
  });

  it('tags a subject once', () => {
    expect(tagSubject('Drucker', '1042')).toBe('[#1042] Drucker');
    expect(tagSubject('Re: [#1042] Drucker', '1042')).toBe('Re: [#1042] Drucker');
  });
});

describe('untaggedSubject', () => {
  it('removes every tag and the space around it', () => {
    expect(untaggedSubject('Re: [#2026120410000012] Drucker [# 7 ]')).toBe('Re: Drucker');
  });
});
