import { IsIn, IsUUID } from 'class-validator';

export class ChannelSettingsDto {
  @IsIn(['reopen', 'follow_up'])
  closedReplyPolicy!: 'reopen' | 'follow_up';
}

export class OrganisationDomainDto {
  @IsUUID()
  organisationId!: string;
}
