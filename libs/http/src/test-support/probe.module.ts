import { Body, Controller, Get, HttpCode, Injectable, Module, Post, Query } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { TicketCreatedPayload, TicketEvents, Topics } from '@deskflow/contracts';
import { Actor, AuthModule, CurrentActor, Public, Roles } from '@deskflow/auth';
import {
  EventContext,
  messagingTablesMigration,
  outboxParkingMigration,
  MessagingModule,
  Outbox,
} from '@deskflow/messaging';
import { ObservabilityModule } from '@deskflow/observability';
import { PersistenceModule } from '@deskflow/persistence';
import { ticketCreatedPayload } from '@deskflow/testing';

export const PROBE_SCHEMA = 'probe';

class ProbeTables1764800000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "${PROBE_SCHEMA}"."received" ("title" text PRIMARY KEY)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "${PROBE_SCHEMA}"."received"`);
  }
}

export class EmitDto {
  @IsString()
  @MaxLength(50)
  title!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  copies?: number;

  @IsOptional()
  @IsIn(['low', 'high'])
  urgency?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(3)
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  keywords?: string[];
}

class ProbeAddressDto {
  @IsString()
  @MaxLength(40)
  city!: string;

  @IsOptional()
  @IsString()
  street?: string;
}

class ProbeContactDto {
  @IsString()
  @MaxLength(20)
  name!: string;

  @IsOptional()
  @IsEmail()
  email?: string;
}

/** Required and optional fields at the top level, in a nested object and in array elements. */
export class OrderDto {
  @Matches(/^[A-Z]{3}-\d+$/)
  reference!: string;

  @IsIn(['pickup', 'post'])
  delivery!: 'pickup' | 'post';

  /** Required only for delivery by post. */
  @ValidateIf((order: OrderDto) => order.delivery === 'post')
  @IsString()
  postcode?: string;

  @IsOptional()
  @IsString()
  note?: string;

  @ValidateNested()
  @Type(() => ProbeAddressDto)
  address!: ProbeAddressDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProbeAddressDto)
  billingAddress?: ProbeAddressDto;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ProbeContactDto)
  contacts!: ProbeContactDto[];
}

export class LookupQueryDto {
  @IsString({ message: 'q is required: pass the words to look up' })
  @Matches(/\S/, { message: 'q must contain a character that is not a space' })
  @MaxLength(20, { message: 'q must be at most 20 characters long' })
  q!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** May be repeated, as in `tag=a&tag=b`. */
  @IsOptional()
  @IsString({ each: true })
  @MaxLength(10, { each: true })
  tag?: string | string[];
}

@Injectable()
class ProbeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async emit(dto: EmitDto): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.outbox.record(manager, TicketEvents.created, {
        subject: dto.title,
        actor: 'system',
        data: ticketCreatedPayload(dto.title),
      }),
    );
  }
}

/** A minimal service used to test the shared HTTP, messaging and health wiring end to end. */
@Controller()
class ProbeController {
  constructor(private readonly probe: ProbeService) {}

  @Public()
  @Post('emit')
  async emit(@Body() dto: EmitDto): Promise<{ accepted: true }> {
    await this.probe.emit(dto);

    return { accepted: true };
  }

  /** Returns the validated order, so tests can check validation without side effects. */
  @Public()
  @Post('orders')
  order(@Body() order: OrderDto): OrderDto {
    return order;
  }

  /** Takes no body, like the endpoints that mark something read or delete it. */
  @Public()
  @Post('touch')
  @HttpCode(200)
  touch(): { touched: true } {
    return { touched: true };
  }

  @Public()
  @Get('lookup')
  lookup(@Query() query: LookupQueryDto): LookupQueryDto {
    return query;
  }

  @Roles('admin', 'agent')
  @Get('whoami')
  whoami(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  @EventPattern(TicketEvents.created.type)
  async onCreated(@Payload() data: TicketCreatedPayload, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.manager.query(`INSERT INTO "${PROBE_SCHEMA}"."received" ("title") VALUES ($1)`, [
      data.ticket.title,
    ]);
  }
}

@Module({
  imports: [
    ObservabilityModule,
    PersistenceModule.forService({
      schema: PROBE_SCHEMA,
      entities: [],
      migrations: [
        messagingTablesMigration(PROBE_SCHEMA, 1764800000000),
        ProbeTables1764800000001,
        outboxParkingMigration(PROBE_SCHEMA, 1765000000000),
      ],
    }),
    MessagingModule.forService({
      clientId: 'probe',
      schema: PROBE_SCHEMA,
      source: 'deskflow/probe',
      topic: Topics.ticket,
    }),
    AuthModule.forRoot(),
  ],
  controllers: [ProbeController],
  providers: [ProbeService],
})
export class ProbeModule {}
