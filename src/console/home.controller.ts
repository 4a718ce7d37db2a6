import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { type ConsoleContext, Ctx } from './console-context';
import { ConsolePages, seeOther } from './console-page.decorator';
import { homeOf } from './layout.view';

/** `/`: each role's first page (the sign-in page for whoever has no session). */
@ConsolePages()
@Controller()
export class HomeController {
  @Get()
  home(@Ctx() ctx: ConsoleContext, @Res() res: Response) {
    seeOther(res, homeOf(ctx.principal));
  }
}
