import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { CreateKeyDto } from './dto/create-key.dto';
import type { Principal } from './principal';
import { ApiOp } from '../common/api-operation.decorator';

@ApiTags('keys')
@ApiBearerAuth()
@Controller('keys')
export class KeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @ApiOp({
    summary: 'Issue an API key (admin); the secret is shown once',
    status: 201,
    schema: 'IssuedKey',
    problems: { 400: ['request.invalid'], 403: ['auth.forbidden'] },
  })
  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateKeyDto) {
    return this.keys.create(p, dto);
  }

  @ApiOp({
    summary: 'List the API keys (admin), never their secrets',
    schema: 'KeyView',
    isArray: true,
    problems: { 403: ['auth.forbidden'] },
  })
  @Get()
  list(@CurrentPrincipal() p: Principal) {
    return this.keys.list(p);
  }

  @ApiOp({
    summary: 'Revoke an API key (admin)',
    status: 204,
    problems: {
      400: ['request.invalid'],
      403: ['auth.forbidden'],
      404: ['resource.not-found'],
      409: ['key.last-admin'],
    },
  })
  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentPrincipal() p: Principal, @Param('id', UuidParamPipe) id: string) {
    return this.keys.revoke(p, id);
  }
}
