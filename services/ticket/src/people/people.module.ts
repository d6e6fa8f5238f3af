import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminSeedService } from './admin-seed.service';
import { Agent } from './agent.entity';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';
import { Customer } from './customer.entity';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { DirectoryBackfillService } from './directory-backfill.service';
import { DirectoryPublisher } from './directory-publisher';
import { Organisation } from './organisation.entity';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';

@Module({
  imports: [TypeOrmModule.forFeature([Agent, Customer, Organisation])],
  controllers: [AgentsController, CustomersController, OrganisationsController],
  providers: [
    AgentsService,
    CustomersService,
    OrganisationsService,
    DirectoryPublisher,
    AdminSeedService,
    DirectoryBackfillService,
  ],
  exports: [AgentsService, CustomersService, OrganisationsService, DirectoryPublisher],
})
export class PeopleModule {}
