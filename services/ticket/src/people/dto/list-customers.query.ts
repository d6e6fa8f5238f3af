import { IsOptional, IsUUID } from 'class-validator';

export class ListCustomersQuery {
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}
