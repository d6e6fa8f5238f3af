import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotFoundError } from '@deskflow/http';
import { hashPassword } from '../auth/password-hasher';
import { rethrowMissingReference, rethrowUniqueViolation } from '../common/database-errors';
import { Customer } from './customer.entity';
import { CreateCustomerDto, UpdateCustomerDto } from './dto/customer.dto';
import { definedOnly } from '../common/defined-only';

function rethrowCustomerError(error: unknown, email: string | undefined): never {
  try {
    rethrowMissingReference(error, 'organisationId');
  } catch (rethrown) {
    rethrowUniqueViolation(rethrown, 'email', email ?? '');
  }
}

@Injectable()
export class CustomersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(organisationId?: string): Promise<Customer[]> {
    return this.dataSource.getRepository(Customer).find({
      where: organisationId ? { organisationId } : {},
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  async get(id: string): Promise<Customer> {
    const customer = await this.dataSource.getRepository(Customer).findOneBy({ id });
    if (!customer) throw new NotFoundError(`customer ${id}`);

    return customer;
  }

  async create(input: CreateCustomerDto): Promise<Customer> {
    const { password, ...fields } = input;
    const passwordHash = password ? await hashPassword(password) : null;
    const repository = this.dataSource.getRepository(Customer);
    const customer = await repository
      .save(
        repository.create({
          language: 'en',
          active: true,
          ...definedOnly(fields),
          email: input.email.trim(),
          passwordHash,
        }),
      )
      .catch((error: unknown) => rethrowCustomerError(error, input.email));
    delete (customer as Partial<Customer>).passwordHash;

    return customer;
  }

  async update(id: string, input: UpdateCustomerDto): Promise<Customer> {
    const { password, ...fields } = input;
    const customer = await this.get(id);
    Object.assign(
      customer,
      definedOnly(fields),
      password ? { passwordHash: await hashPassword(password) } : {},
    );
    await this.dataSource
      .getRepository(Customer)
      .save(customer)
      .catch((error: unknown) => rethrowCustomerError(error, input.email));
    delete (customer as Partial<Customer>).passwordHash;

    return customer;
  }

  /**
   * Finds a customer by email or creates one without a password; channels and agents logging
   * a phone call use it for senders not seen before.
   */
  async findOrCreateByEmail(
    manager: EntityManager,
    email: string,
    name?: string,
  ): Promise<Customer> {
    const normalised = email.trim();
    await manager.query(
      `INSERT INTO "ticket"."customer" ("email", "name") VALUES ($1, $2)
       ON CONFLICT ((lower("email"))) DO NOTHING`,
      [normalised, name?.trim() || normalised],
    );

    return manager
      .getRepository(Customer)
      .createQueryBuilder('c')
      .where('lower(c.email) = lower(:email)', { email: normalised })
      .getOneOrFail();
  }
}
