import { randomUUID } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  importPKCS8,
  importSPKI,
  JWTPayload,
  jwtVerify,
  KeyLike,
  SignJWT,
} from 'jose';
import { Actor, ROLES, Role } from './actor';
import { signingKeyPair } from './keys';
import { VerifiedTokens } from './verified-tokens';

export const JWT_ISSUER = process.env.JWT_ISSUER ?? 'deskflow';
export const JWT_AUDIENCE = process.env.JWT_AUDIENCE ?? 'deskflow';
const KEY_ID = 'deskflow-rs256-1';

export interface TokenClaims extends Actor {
  expiresInSeconds?: number;
}

/** Signs an RS256 access token for an actor. */
export async function mintToken(
  claims: TokenClaims,
  privateKeyPem = signingKeyPair().privateKey,
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'RS256');

  return new SignJWT({
    role: claims.role,
    email: claims.email,
    name: claims.name,
    org: claims.organisationId,
    scopes: claims.scopes,
  })
    .setProtectedHeader({ alg: 'RS256', kid: KEY_ID })
    .setSubject(claims.id)
    .setIssuer(JWT_ISSUER)
    .setAudience(JWT_AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${claims.expiresInSeconds ?? 3600}s`)
    .sign(key);
}

/** Returns the public key as a JWK Set, as served by the ticket service at `/.well-known/jwks.json`. */
export async function publicJwks(
  publicKeyPem = signingKeyPair().publicKey,
): Promise<{ keys: object[] }> {
  const jwk = await exportJWK(await importSPKI(publicKeyPem, 'RS256'));

  return { keys: [{ ...jwk, kid: KEY_ID, alg: 'RS256', use: 'sig' }] };
}

export class InvalidTokenError extends Error {}

type KeyResolver = Parameters<typeof jwtVerify>[1];

/**
 * Verifies access tokens. The key comes from JWT_JWKS_URL when set (services other than the
 * issuer), else from JWT_PUBLIC_KEY, else from the development key pair. A verified token is
 * accepted again without a signature check for up to JWT_VERIFIED_CACHE_MS (default 30000;
 * 0 turns this off) while it has not expired; see VerifiedTokens.
 */
export class JwtVerifier {
  private key: Promise<KeyResolver | KeyLike> | undefined;
  private readonly verified = new VerifiedTokens(
    Number(process.env.JWT_VERIFIED_CACHE_MS ?? 30_000),
  );

  private resolveKey(): Promise<KeyResolver | KeyLike> {
    this.key ??= (async () => {
      const jwksUrl = process.env.JWT_JWKS_URL;
      if (jwksUrl) return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 3000 });

      const jwks = await publicJwks(signingKeyPair().publicKey);

      return createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
    })();

    return this.key;
  }

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known) return known;

    let payload: JWTPayload;
    try {
      const key = await this.resolveKey();
      ({ payload } = await jwtVerify(token, key as KeyLike, {
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        algorithms: ['RS256'],
      }));
    } catch (error) {
      throw new InvalidTokenError(`invalid access token: ${(error as Error).message}`);
    }

    const role = payload.role as Role;
    if (!payload.sub || !ROLES.includes(role)) {
      throw new InvalidTokenError('invalid access token: missing subject or unknown role');
    }

    const actor: Actor = {
      id: payload.sub,
      role,
      email: payload.email as string | undefined,
      name: payload.name as string | undefined,
      organisationId: payload.org as string | undefined,
      scopes: payload.scopes as string[] | undefined,
    };
    this.verified.remember(token, actor, payload.exp);

    return actor;
  }
}
