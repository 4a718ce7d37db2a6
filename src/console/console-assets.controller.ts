import { Controller, Get, Header } from '@nestjs/common';
import { CONSOLE_CSS, CONSOLE_JS } from './console-assets';
import { ConsoleOpenPages } from './console-page.decorator';

@ConsoleOpenPages()
@Controller('assets')
export class ConsoleAssetsController {
  @Get('console.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  css(): string {
    return CONSOLE_CSS;
  }

  @Get('console.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  js(): string {
    return CONSOLE_JS;
  }
}
