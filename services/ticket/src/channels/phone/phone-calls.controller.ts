import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@deskflow/auth';
import { LogPhoneCallDto } from './dto/log-phone-call.dto';
import { LoggedCall, PhoneCallsService } from './phone-calls.service';

@ApiTags('phone')
@ApiBearerAuth()
@Controller('channels/phone/calls')
export class PhoneCallsController {
  constructor(private readonly calls: PhoneCallsService) {}

  @Roles('admin', 'agent')
  @Post()
  log(@Body() call: LogPhoneCallDto, @CurrentActor() actor: Actor): Promise<LoggedCall> {
    return this.calls.log(actor, call);
  }
}
