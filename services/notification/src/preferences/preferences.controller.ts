import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { ValidationFailedError } from '@deskflow/http';
import { NotificationPreference } from './notification-preference.entity';
import { PreferenceParams, PutPreferenceDto } from './preference.dto';
import { PreferencesService } from './preferences.service';

/** The preference key of the caller: admins are agents in the directory. */
function ownKey(actor: Actor): string {
  if (actor.role === 'customer') return `customer:${actor.id}`;
  if (actor.role === 'agent' || actor.role === 'admin') return `agent:${actor.id}`;

  throw new ValidationFailedError([
    { field: 'actor', reason: `role ${actor.role} has no notification preferences` },
  ]);
}

@ApiTags('preferences')
@ApiBearerAuth()
@Controller('preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get('me')
  @Roles('agent', 'admin', 'customer')
  getOwn(@CurrentActor() actor: Actor): Promise<NotificationPreference> {
    return this.preferences.get(ownKey(actor));
  }

  @Put('me')
  @Roles('agent', 'admin', 'customer')
  putOwn(
    @CurrentActor() actor: Actor,
    @Body() body: PutPreferenceDto,
  ): Promise<NotificationPreference> {
    return this.preferences.put(ownKey(actor), body);
  }

  @Get(':userType/:userId')
  @Roles('admin')
  get(@Param() params: PreferenceParams): Promise<NotificationPreference> {
    return this.preferences.get(`${params.userType}:${params.userId.toLowerCase()}`);
  }

  @Put(':userType/:userId')
  @Roles('admin')
  put(
    @Param() params: PreferenceParams,
    @Body() body: PutPreferenceDto,
  ): Promise<NotificationPreference> {
    return this.preferences.put(`${params.userType}:${params.userId.toLowerCase()}`, body);
  }
}
