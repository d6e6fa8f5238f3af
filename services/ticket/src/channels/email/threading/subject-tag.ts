export const DEFAULT_SUBJECT_TAG = '[#<number>]';
const NUMBER_PLACEHOLDER = '<number>';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds the regular expression of a subject tag template such as `[#<number>]` or
 * `Ticket#<number>`. The tag may stand anywhere in the subject, so reply prefixes in any
 * language (`Re:`, `AW:`, `VS:`, `Antw:`...) and texts put before it by auto-responders do not
 * hide it.
 */
export function subjectTagPattern(template: string = DEFAULT_SUBJECT_TAG): RegExp {
  const at = template.indexOf(NUMBER_PLACEHOLDER);
  if (at < 0) {
    throw new Error(`subject tag template ${template} lacks the ${NUMBER_PLACEHOLDER} placeholder`);
  }

  const before = escapeRegExp(template.slice(0, at));
  const after = escapeRegExp(template.slice(at + NUMBER_PLACEHOLDER.length));

  return new RegExp(`${before}\\s*(\\d{1,32})\\s*${after}`, 'gi');
}

/** Returns the ticket numbers tagged in a subject, in order of appearance and without repeats. */
export function ticketNumbersInSubject(
  subject: string,
  pattern: RegExp = subjectTagPattern(),
): string[] {
  const numbers = [...subject.matchAll(new RegExp(pattern.source, 'gi'))].map((match) => match[1]);

  return [...new Set(numbers)];
}

/** Removes every ticket tag from a subject, so a new ticket's title names no other ticket. */
export function untaggedSubject(subject: string, pattern: RegExp = subjectTagPattern()): string {
  return subject.replace(new RegExp(pattern.source, 'gi'), ' ').replace(/\s+/g, ' ').trim();
}

/** Puts the tag in front of a subject unless it already carries it. */
export function tagSubject(
  subject: string,
  ticketNumber: string,
  template: string = DEFAULT_SUBJECT_TAG,
): string {
  if (ticketNumbersInSubject(subject, subjectTagPattern(template)).includes(ticketNumber))
    return subject;

  return `${template.replace(NUMBER_PLACEHOLDER, ticketNumber)} ${subject}`.trim();
}
