import { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_RULES } from '../seeds/default-rules';
import { DEFAULT_TEMPLATES } from '../seeds/default-templates';

/** Inserts the shipped rules and the English and German templates. */
export class SeedDefaults1764800200000 implements MigrationInterface {
  name = 'SeedDefaults1764800200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const rule of DEFAULT_RULES) {
      await queryRunner.query(
        `INSERT INTO "notification"."notification_rule"
           ("name", "event_type", "recipients", "conditions", "template_key", "channels", "include_actor", "digestible", "position")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          rule.name,
          rule.eventType,
          rule.recipients,
          JSON.stringify(rule.conditions),
          rule.templateKey,
          rule.channels,
          rule.includeActor ?? false,
          rule.digestible ?? true,
          rule.position,
        ],
      );
    }

    for (const template of DEFAULT_TEMPLATES) {
      await queryRunner.query(
        `INSERT INTO "notification"."notification_template" ("key", "locale", "subject", "text_body", "html_body")
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [template.key, template.locale, template.subject, template.text, template.html],
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notification"."notification_template"`);
    await queryRunner.query(`DELETE FROM "notification"."notification_rule"`);
  }
}
