import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Actor, ApiKeyResolver } from '@deskflow/auth';
import { NotFoundError } from '@deskflow/http';
import { rootLogger } from '@deskflow/observability';
import { ApiKey, ApiKeyScope } from './api-key.entity';

const KEY_PREFIX = 'dfk_';

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface IssuedApiKey {
  apiKey: ApiKey;
  /** The key itself; it is returned only once, at creation. */
  key: string;
}

/** Issues, lists and revokes integration keys, and resolves an `X-Api-Key` header to an actor. */
@Injectable()
export class ApiKeysService implements ApiKeyResolver {
  private readonly logger = rootLogger().child({ context: 'ApiKeysService' });

  constructor(@InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>) {}

  async issue(name: string, scopes: ApiKeyScope[], createdBy: Actor): Promise<IssuedApiKey> {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const apiKey = await this.keys.save(
      this.keys.create({
        name,
        scopes,
        keyPrefix: key.slice(0, 12),
        keyHash: hashKey(key),
        createdById: createdBy.id,
      }),
    );
    delete (apiKey as Partial<ApiKey>).keyHash;
    this.logger.info({ apiKeyId: apiKey.id, scopes }, 'API key issued');

    return { apiKey, key };
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  async revoke(id: string): Promise<ApiKey> {
    const apiKey = await this.keys.findOneBy({ id });
    if (!apiKey) throw new NotFoundError(`API key ${id}`);

    apiKey.revokedAt ??= new Date();

    return this.keys.save(apiKey);
  }

  async resolve(key: string): Promise<Actor | undefined> {
    if (!key.startsWith(KEY_PREFIX)) return undefined;

    const apiKey = await this.keys.findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    if (!apiKey) return undefined;

    await this.keys.update(apiKey.id, { lastUsedAt: new Date() });

    return { id: apiKey.id, role: 'integration', name: apiKey.name, scopes: apiKey.scopes };
  }
}
