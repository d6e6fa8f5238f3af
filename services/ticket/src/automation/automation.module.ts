import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { AutomationService } from './automation.service';
import { DryRunService } from './dry-run.service';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';

@Module({
  imports: [TicketsModule],
  controllers: [RulesController],
  providers: [RulesService, AutomationService, DryRunService],
})
export class AutomationModule {}
