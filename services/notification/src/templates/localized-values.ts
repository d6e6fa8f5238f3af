import { DateTime } from 'luxon';

const CLOCK_NAMES: Record<string, Record<string, string>> = {
  en: {
    first_response: 'first response',
    next_response: 'next response',
    resolution: 'resolution',
  },
  de: { first_response: 'Erstreaktion', next_response: 'Folgereaktion', resolution: 'Lösung' },
};

/** Names of the values that `localizeVariables` adds. */
export const LOCALIZED_NAMES = ['dueAt', 'firstResponseDue', 'clockName'];

/** Writes an instant as a full local date and time with its zone, in the recipient's language. */
export function formatInstant(iso: string | Date, locale: string, timeZone: string): string {
  const instant = typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso);

  return instant.setZone(timeZone).setLocale(locale).toLocaleString(DateTime.DATETIME_FULL);
}

/**
 * Adds the values whose wording depends on the language: due times in the display time zone
 * and the name of an SLA clock. Raw values stay untouched for other templates.
 */
export function localizeVariables(
  variables: Record<string, unknown>,
  locale: string,
  timeZone: string,
  firstResponseDue?: Date | null,
): Record<string, unknown> {
  const localized: Record<string, unknown> = { ...variables };
  if (typeof variables.dueAtIso === 'string') {
    localized.dueAt = formatInstant(variables.dueAtIso, locale, timeZone);
  }
  if (firstResponseDue) {
    localized.firstResponseDue = formatInstant(firstResponseDue, locale, timeZone);
  }
  if (typeof variables.clockKind === 'string') {
    const names = CLOCK_NAMES[locale] ?? CLOCK_NAMES.en;
    localized.clockName = names[variables.clockKind] ?? variables.clockKind;
  }

  return localized;
}
