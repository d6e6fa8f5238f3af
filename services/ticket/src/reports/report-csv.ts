import { DurationSummary } from './duration-stats';
import { ReportGroup } from './ticket-report';

/** Quotes a CSV field when it contains a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | null): string {
  if (value === null) return '';

  const text = String(value);

  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function durationColumns(prefix: string): string[] {
  return ['count', 'median_s', 'p90_s', 'within_30m', 'within_60m', 'over_1d'].map(
    (name) => `${prefix}_${name}`,
  );
}

function durationValues(summary: DurationSummary): (number | null)[] {
  return [
    summary.count,
    summary.medianSeconds,
    summary.p90Seconds,
    summary.within30Minutes,
    summary.within60Minutes,
    summary.overOneDay,
  ];
}

export const REPORT_CSV_HEADER = [
  'group',
  'tickets',
  ...durationColumns('first_response'),
  ...durationColumns('resolution'),
  'sla_first_response_compliance',
  'sla_resolution_compliance',
  'reopen_rate',
  'satisfaction_count',
  'satisfaction_average',
  ...['1', '2', '3', '4', '5'].map((score) => `satisfaction_${score}`),
];

/** Writes one CSV row per group and a last row for the total. */
export function reportToCsv(groups: ReportGroup[], total: ReportGroup): string {
  const rows = [...groups, total].map((group) =>
    [
      group.key,
      group.tickets,
      ...durationValues(group.firstResponse),
      ...durationValues(group.resolution),
      group.sla.firstResponse.compliance,
      group.sla.resolution.compliance,
      group.reopen.rate,
      group.satisfaction.count,
      group.satisfaction.average,
      ...(['1', '2', '3', '4', '5'] as const).map(
        (score) => group.satisfaction.distribution[score],
      ),
    ]
      .map(csvField)
      .join(','),
  );

  return `${[REPORT_CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}

export function backlogToCsv(days: { date: string; open: number }[]): string {
  return `${['date,open', ...days.map((day) => `${day.date},${day.open}`)].join('\r\n')}\r\n`;
}
