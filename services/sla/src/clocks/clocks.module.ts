import { Module } from '@nestjs/common';
import { AlertPlanner } from '../alerts/alert-planner';
import { CalendarRegistry } from '../calendars/calendar-registry';
import { PolicyMatcher } from '../policies/policy-matcher';
import { ClockEngine } from './clock-engine.service';
import { ClockJournal } from './clock-journal';

@Module({
  providers: [CalendarRegistry, PolicyMatcher, AlertPlanner, ClockJournal, ClockEngine],
  exports: [CalendarRegistry, ClockEngine, PolicyMatcher],
})
export class ClocksModule {}
