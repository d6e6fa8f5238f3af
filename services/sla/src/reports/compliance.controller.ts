import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@deskflow/auth';
import { ComplianceQuery, ComplianceRow } from './compliance.dto';
import { ComplianceService } from './compliance.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('sla/reports')
export class ComplianceController {
  constructor(private readonly compliance: ComplianceService) {}

  @Get('compliance')
  @Roles('admin', 'agent')
  report(@Query() query: ComplianceQuery): Promise<{ rows: ComplianceRow[] }> {
    return this.compliance.report(query);
  }
}
