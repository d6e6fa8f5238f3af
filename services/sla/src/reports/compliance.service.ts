import { Injectable } from '@nestjs/common';
import { IANAZone } from 'luxon';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@deskflow/http';
import { SCHEMA } from '../database/schema';
import { TimeSource } from '../time/time-source';
import { ComplianceQuery, ComplianceRow } from './compliance.dto';

interface ReportRow {
  policy_id: string;
  policy_name: string | null;
  queue_id: string;
  queue_name: string | null;
  kind: ComplianceRow['kind'];
  period: string;
  met: string;
  breached: string;
  median: number | null;
  p90: number | null;
}

/** Aggregates finished and overdue clocks into met/breached counts per policy, queue, clock kind and period. */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly time: TimeSource,
  ) {}

  async report(query: ComplianceQuery): Promise<{ rows: ComplianceRow[] }> {
    const timeZone = query.timeZone ?? 'UTC';
    if (!IANAZone.isValidZone(timeZone)) {
      throw new ValidationFailedError([
        { field: 'timeZone', reason: 'must be an IANA time zone such as Europe/Berlin' },
      ]);
    }
    if (Date.parse(query.to) <= Date.parse(query.from)) {
      throw new ValidationFailedError([{ field: 'to', reason: 'must be later than from' }]);
    }

    const rows: ReportRow[] = await this.dataSource.query(
      `SELECT c."policy_id", max(p."name") AS "policy_name", t."queue_id", max(t."snapshot"->>'queueName') AS "queue_name",
              c."kind", to_char(date_trunc($3, c."started_at" AT TIME ZONE $4), 'YYYY-MM-DD') AS "period",
              count(*) FILTER (WHERE c."status" = 'met' AND NOT c."breached") AS "met",
              count(*) FILTER (WHERE c."breached" OR (c."status" = 'running' AND c."due_at" <= $5)) AS "breached",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY c."business_seconds") FILTER (WHERE c."status" = 'met') AS "median",
              percentile_cont(0.9) WITHIN GROUP (ORDER BY c."business_seconds") FILTER (WHERE c."status" = 'met') AS "p90"
         FROM "${SCHEMA}"."clock" c
         JOIN "${SCHEMA}"."ticket" t ON t."ticket_id" = c."ticket_id"
         LEFT JOIN "${SCHEMA}"."policy" p ON p."id" = c."policy_id"
        WHERE c."started_at" >= $1 AND c."started_at" < $2 AND ($6::text IS NULL OR c."kind" = $6)
        GROUP BY c."policy_id", t."queue_id", c."kind", 6
        ORDER BY 6, 2, 4, c."kind"`,
      [
        query.from,
        query.to,
        query.period ?? 'day',
        timeZone,
        this.time.now().toISOString(),
        query.kind ?? null,
      ],
    );

    return {
      rows: rows
        .map((row) => ({
          policyId: row.policy_id,
          policyName: row.policy_name,
          queueId: row.queue_id,
          queueName: row.queue_name,
          kind: row.kind,
          period: row.period,
          met: Number(row.met),
          breached: Number(row.breached),
          medianBusinessSeconds: row.median === null ? null : Math.round(row.median),
          p90BusinessSeconds: row.p90 === null ? null : Math.round(row.p90),
        }))
        .filter((row) => row.met + row.breached > 0),
    };
  }
}
