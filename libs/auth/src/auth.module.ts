import { DynamicModule, Global, Module, ModuleMetadata, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { API_KEY_RESOLVER, ApiKeyResolver, AuthGuard } from './auth.guard';
import { JwtVerifier } from './jwt';

export interface AuthModuleOptions {
  /** Modules that provide the API key resolver. */
  imports?: ModuleMetadata['imports'];
  apiKeyResolver?: Type<ApiKeyResolver>;
}

/** Makes every route of the service authenticated unless marked `@Public()`. */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions = {}): DynamicModule {
    const resolver = options.apiKeyResolver
      ? [{ provide: API_KEY_RESOLVER, useExisting: options.apiKeyResolver }]
      : [];

    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [JwtVerifier, ...resolver, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [JwtVerifier],
    };
  }
}
