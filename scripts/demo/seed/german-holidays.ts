/**
 * Public holidays in Berlin: the nationwide fixed dates plus International Women's Day
 * (8 March, a Berlin holiday since 2019), as MM-DD.
 */
export const BERLIN_FIXED_HOLIDAYS = ['01-01', '03-08', '05-01', '10-03', '12-25', '12-26'];

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;

  return new Date(Date.UTC(year, month - 1, day));
}

function shiftDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Good Friday, Easter Monday, Ascension Day and Whit Monday of each year, as YYYY-MM-DD. */
export function movableHolidays(years: number[]): string[] {
  return years.flatMap((year) => {
    const easter = easterSunday(year);

    return [
      shiftDays(easter, -2),
      shiftDays(easter, 1),
      shiftDays(easter, 39),
      shiftDays(easter, 50),
    ];
  });
}
