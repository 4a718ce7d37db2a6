import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApiKeysService } from './api-keys.service';

/** Makes sure an admin key exists once the database is ready (first start). */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ApiKeysService,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.keys.ensureAdmin(this.config.IPR_ADMIN_KEY);
  }
}
