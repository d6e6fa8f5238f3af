import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { NotificationPreference } from './notification-preference.entity';
import { PutPreferenceDto } from './preference.dto';

/** Stores each person's language, mute switch and channels per event type. */
@Injectable()
export class PreferencesService {
  constructor(
    @InjectRepository(NotificationPreference)
    private readonly repository: Repository<NotificationPreference>,
  ) {}

  async byKeys(
    manager: EntityManager,
    keys: string[],
  ): Promise<Map<string, NotificationPreference>> {
    if (keys.length === 0) return new Map();

    const rows = await manager.getRepository(NotificationPreference).findBy({ userKey: In(keys) });

    return new Map(rows.map((row) => [row.userKey, row]));
  }

  /** Returns the stored preference, or the defaults when the person never saved one. */
  async get(userKey: string): Promise<NotificationPreference> {
    const found = await this.repository.findOneBy({ userKey });

    return found ?? this.repository.create({ userKey, language: null, muted: false, channels: {} });
  }

  /** Replaces the given fields and keeps the others. */
  async put(userKey: string, input: PutPreferenceDto): Promise<NotificationPreference> {
    const current = await this.get(userKey);
    await this.repository.upsert(
      {
        userKey,
        language: input.language === undefined ? current.language : input.language,
        muted: input.muted ?? current.muted,
        channels: input.channels ?? current.channels,
      },
      ['userKey'],
    );

    return this.get(userKey);
  }
}
