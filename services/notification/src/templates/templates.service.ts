import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { NotFoundError, ValidationFailedError } from '@deskflow/http';
import { NOTIFICATION_SETTINGS, NotificationSettings } from '../settings/notification-settings';
import { NotificationTemplate } from './notification-template.entity';
import { templateProblems } from './template-check';
import { escapeHtml, renderTemplate, TemplateVariables } from './template-renderer';
import { PutTemplateDto } from './template.dto';

export interface RenderedTemplate {
  subject: string;
  text: string;
  html: string;
  /** The locale actually used, which differs from the requested one after a fallback. */
  locale: string;
}

/** Stores templates and renders them, falling back to the default locale. */
@Injectable()
export class TemplatesService {
  constructor(
    @InjectRepository(NotificationTemplate)
    private readonly repository: Repository<NotificationTemplate>,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

  async list(key?: string): Promise<NotificationTemplate[]> {
    return this.repository.find({
      where: key ? { key } : {},
      order: { key: 'ASC', locale: 'ASC' },
    });
  }

  /** Returns the template in `locale`, else in the default locale; raises NotFoundError when neither exists. */
  async resolve(key: string, locale: string): Promise<NotificationTemplate> {
    const candidates = await this.repository.findBy({
      key,
      locale: In([locale, this.settings.defaultLocale]),
    });
    const template =
      candidates.find((candidate) => candidate.locale === locale) ??
      candidates.find((candidate) => candidate.locale === this.settings.defaultLocale);
    if (!template)
      throw new NotFoundError(
        `template ${key} in locale ${locale} or ${this.settings.defaultLocale}`,
      );

    return template;
  }

  async render(
    key: string,
    locale: string,
    variables: Record<string, unknown>,
  ): Promise<RenderedTemplate> {
    return this.renderWith(await this.resolve(key, locale), variables);
  }

  /** Renders with every value escaped in the HTML part; subject and text stay plain text. */
  renderWith(template: NotificationTemplate, variables: Record<string, unknown>): RenderedTemplate {
    const values = variables as TemplateVariables;

    return {
      subject: renderTemplate(template.subject, values),
      text: renderTemplate(template.textBody, values),
      html: renderTemplate(template.htmlBody, values, escapeHtml),
      locale: template.locale,
    };
  }

  async put(key: string, locale: string, input: PutTemplateDto): Promise<NotificationTemplate> {
    const problems = (['subject', 'textBody', 'htmlBody'] as const).flatMap((field) =>
      templateProblems(input[field]).map((reason) => ({ field, reason })),
    );
    if (problems.length > 0) throw new ValidationFailedError(problems);

    await this.repository.upsert({ key, locale, ...input }, ['key', 'locale']);

    return this.resolve(key, locale);
  }

  async remove(key: string, locale: string): Promise<void> {
    if (locale === this.settings.defaultLocale && (await this.isUsedByRules(key))) {
      throw new ValidationFailedError([
        {
          field: 'locale',
          reason: `the ${locale} version is the fallback of template ${key}, which rules use`,
        },
      ]);
    }
    const result = await this.repository.delete({ key, locale });
    if (result.affected === 0) throw new NotFoundError(`template ${key} in locale ${locale}`);
  }

  private async isUsedByRules(key: string): Promise<boolean> {
    const rows: unknown[] = await this.repository.query(
      `SELECT 1 FROM "notification"."notification_rule" WHERE "template_key" = $1 LIMIT 1`,
      [key],
    );

    return rows.length > 0;
  }
}
