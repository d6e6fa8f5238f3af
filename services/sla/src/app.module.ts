import { Module, Type } from '@nestjs/common';
import { Topics } from '@deskflow/contracts';
import { AuthModule } from '@deskflow/auth';
import { MessagingModule } from '@deskflow/messaging';
import { ObservabilityModule } from '@deskflow/observability';
import { PersistenceModule } from '@deskflow/persistence';
import { AlertEntity } from './alerts/alert.entity';
import { AlertsModule } from './alerts/alerts.module';
import { CalendarEntity } from './calendars/calendar.entity';
import { CalendarsModule } from './calendars/calendars.module';
import { ClockEventEntity } from './clocks/clock-event.entity';
import { ClockEntity } from './clocks/clock.entity';
import { migrations } from './database/migrations';
import { PoliciesModule } from './policies/policies.module';
import { PolicyEntity } from './policies/policy.entity';
import { ReportsModule } from './reports/reports.module';
import { TicketProjectionEntity } from './tickets/ticket-projection.entity';
import { TicketsModule } from './tickets/tickets.module';
import { SystemTimeSource, TimeModule, TimeSource } from './time/time-source';

const ENTITIES = [
  CalendarEntity,
  PolicyEntity,
  TicketProjectionEntity,
  ClockEntity,
  ClockEventEntity,
  AlertEntity,
];

/** Builds the root module; tests and benchmarks pass their own time source to move time. */
export function createAppModule(timeSource: TimeSource = new SystemTimeSource()): Type<unknown> {
  @Module({
    imports: [
      ObservabilityModule,
      TimeModule.forRoot(timeSource),
      PersistenceModule.forService({ schema: 'sla', entities: ENTITIES, migrations }),
      MessagingModule.forService({
        clientId: 'sla-service',
        schema: 'sla',
        source: 'deskflow/sla',
        topic: Topics.sla,
      }),
      AuthModule.forRoot(),
      TicketsModule,
      CalendarsModule,
      PoliciesModule,
      AlertsModule,
      ReportsModule,
    ],
  })
  class AppModule {}

  return AppModule;
}

export const AppModule = createAppModule();
