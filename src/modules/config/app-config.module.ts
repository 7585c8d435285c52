import { DynamicModule, Module } from '@nestjs/common';
import { AppConfigOverrides, loadAppConfig } from './app-config';

/** DI token of the application's {@link AppConfig}: `@Inject(APP_CONFIG) config: AppConfig`. */
export const APP_CONFIG = 'APP_CONFIG';

/**
 * Global module providing the {@link AppConfig} under {@link APP_CONFIG}. Import
 * `AppConfigModule.forRoot(overrides)` once at the root; values come from the environment
 * (see loadAppConfig) and `overrides` (e.g. CLI flags) win.
 */
@Module({})
export class AppConfigModule {
  static forRoot(overrides: AppConfigOverrides = {}): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useFactory: () => loadAppConfig(overrides) }],
      exports: [APP_CONFIG],
    };
  }
}
