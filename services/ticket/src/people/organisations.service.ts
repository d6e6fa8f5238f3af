import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '@deskflow/http';
import { rethrowUniqueViolation } from '../common/database-errors';
import { CreateOrganisationDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { Organisation } from './organisation.entity';
import { definedOnly } from '../common/defined-only';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
  ) {}

  list(): Promise<Organisation[]> {
    return this.organisations.find({ order: { name: 'ASC', id: 'ASC' } });
  }

  async get(id: string): Promise<Organisation> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw new NotFoundError(`organisation ${id}`);

    return organisation;
  }

  create(input: CreateOrganisationDto): Promise<Organisation> {
    const organisation = this.organisations.create({
      serviceTier: 'standard',
      shareTickets: false,
      ...definedOnly(input),
    });

    return this.organisations
      .save(organisation)
      .catch((error: unknown) => rethrowUniqueViolation(error, 'name', input.name));
  }

  async update(id: string, input: UpdateOrganisationDto): Promise<Organisation> {
    const organisation = await this.get(id);
    Object.assign(organisation, definedOnly(input));

    return this.organisations
      .save(organisation)
      .catch((error: unknown) => rethrowUniqueViolation(error, 'name', input.name ?? ''));
  }
}
