import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppError, ErrorBody, toErrorBody, versionEtag } from '@deskflow/http';
import { TicketAccessService } from '../access/ticket-access.service';
import { optionalIfMatch } from '../common/etag';
import { TicketActor } from '../common/ticket-actor';
import { rejectDuplicateTickets } from './bulk-duplicates';
import { BulkTicketRefDto, BulkUpdateDto } from './dto/bulk-update.dto';
import { TicketPatch } from './ticket-patcher.service';
import { TicketsService } from './tickets.service';

export interface BulkItemResult {
  ticketId: string;
  status: number;
  etag?: string;
  error?: ErrorBody;
}

export interface BulkResult {
  mode: BulkUpdateDto['mode'];
  results: BulkItemResult[];
}

/** Returns the bulk body's name for a field that one ticket's failed update reports. */
function itemField(index: number, field: string): string {
  return field === 'If-Match' ? `tickets.${index}.ifMatch` : `changes.${field}`;
}

/** Raised in atomic mode when one ticket fails; nothing was changed. */
export class BulkUpdateFailedError extends AppError {
  constructor(index: number, ref: string, cause: ErrorBody) {
    super(
      'bulk_update_failed',
      `no ticket was changed because ticket ${ref} failed: ${cause.message}`,
      cause.statusCode,
      [
        { field: `tickets.${index}`, reason: cause.message },
        ...cause.details.map((detail) => ({ ...detail, field: itemField(index, detail.field) })),
      ],
    );
  }
}

/** Applies one partial update to many tickets, atomically or ticket by ticket. */
@Injectable()
export class TicketBulkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly access: TicketAccessService,
  ) {}

  async update(actor: TicketActor, body: BulkUpdateDto): Promise<BulkResult> {
    await rejectDuplicateTickets(this.dataSource.manager, this.access, actor, body.tickets);
    const results =
      body.mode === 'atomic' ? await this.atomic(actor, body) : await this.perTicket(actor, body);

    return { mode: body.mode, results };
  }

  private atomic(actor: TicketActor, body: BulkUpdateDto): Promise<BulkItemResult[]> {
    return this.dataSource.transaction(async (manager) => {
      const results: BulkItemResult[] = [];
      for (const [index, ref] of body.tickets.entries()) {
        try {
          const { ticket } = await this.tickets.updateIn(
            manager,
            actor,
            ref.id,
            optionalIfMatch(ref.ifMatch),
            body.changes as TicketPatch,
          );
          results.push({ ticketId: ticket.id, status: 200, etag: versionEtag(ticket.version) });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;

          throw new BulkUpdateFailedError(index, ref.id, toErrorBody(error));
        }
      }

      return results;
    });
  }

  private async perTicket(actor: TicketActor, body: BulkUpdateDto): Promise<BulkItemResult[]> {
    const results: BulkItemResult[] = [];
    for (const ref of body.tickets)
      results.push(await this.updateOne(actor, ref, body.changes as TicketPatch));

    return results;
  }

  private async updateOne(
    actor: TicketActor,
    ref: BulkTicketRefDto,
    changes: TicketPatch,
  ): Promise<BulkItemResult> {
    try {
      const { ticket } = await this.dataSource.transaction((manager) =>
        this.tickets.updateIn(manager, actor, ref.id, optionalIfMatch(ref.ifMatch), changes),
      );

      return { ticketId: ticket.id, status: 200, etag: versionEtag(ticket.version) };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;

      const body = toErrorBody(error);

      return { ticketId: ref.id, status: body.statusCode, error: body };
    }
  }
}
