import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, Role } from './actor';
import { JwtVerifier } from './jwt';

const PUBLIC_KEY = 'deskflow:public';
const ROLES_KEY = 'deskflow:roles';

/** Marks a route that needs no authentication. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Limits a route or controller to the given roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Resolves an `X-Api-Key` header to an integration actor; provided by the service that issues keys. */
export interface ApiKeyResolver {
  resolve(key: string): Promise<Actor | undefined>;
}
export const API_KEY_RESOLVER = Symbol('API_KEY_RESOLVER');

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

/** The authenticated caller; undefined on public routes without credentials. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
});

/**
 * Authenticates every HTTP route by bearer token or API key and checks `@Roles`. Routes marked
 * `@Public()` pass without credentials.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    @Optional() @Inject(API_KEY_RESOLVER) private readonly apiKeys?: ApiKeyResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;

    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.actor = await this.authenticate(request, isPublic === true);
    if (isPublic) return true;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.actor!.role)) {
      throw new ForbiddenException(
        `role ${request.actor!.role} may not use this endpoint; allowed: ${roles.join(', ')}`,
      );
    }

    return true;
  }

  private async authenticate(
    request: AuthenticatedRequest,
    optional: boolean,
  ): Promise<Actor | undefined> {
    const header = request.headers.authorization;
    const apiKey = request.headers['x-api-key'];
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      try {
        return await this.verifier.verify(header.slice('Bearer '.length).trim());
      } catch (error) {
        throw new UnauthorizedException((error as Error).message);
      }
    }
    if (typeof apiKey === 'string' && this.apiKeys) {
      const actor = await this.apiKeys.resolve(apiKey);
      if (!actor) throw new UnauthorizedException('invalid or revoked API key');

      return actor;
    }
    if (optional) return undefined;

    throw new UnauthorizedException(
      'missing credentials: send Authorization: Bearer <token> or X-Api-Key',
    );
  }
}
