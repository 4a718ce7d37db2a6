import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { CreateKeyDto } from './dto/create-key.dto';
import type { Principal } from './principal';

@ApiTags('keys')
@ApiBearerAuth()
@Controller('keys')
export class KeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateKeyDto) {
    return this.keys.create(p, dto);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal) {
    return this.keys.list(p);
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.keys.revoke(p, id);
  }
}
