import { MigrationInterface, QueryRunner } from 'typeorm';

/** Categories, articles with their published versions, feedback and ticket solution links. */
export class KnowledgeTables1764900000000 implements MigrationInterface {
  name = 'KnowledgeTables1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "knowledge"."category" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "parent_id" uuid REFERENCES "knowledge"."category" ("id"),
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT "uq_category_parent_slug" UNIQUE NULLS NOT DISTINCT ("parent_id", "slug")
      )`);
    await queryRunner.query(`
      CREATE TABLE "knowledge"."article" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "import_key" text UNIQUE,
        "translation_group_id" uuid NOT NULL,
        "locale" text NOT NULL,
        "title" text NOT NULL,
        "summary" text NOT NULL DEFAULT '',
        "keywords" text[] NOT NULL DEFAULT '{}',
        "body_markdown" text NOT NULL,
        "body_html" text NOT NULL,
        "body_text" text NOT NULL,
        "category_id" uuid REFERENCES "knowledge"."category" ("id"),
        "visibility" text NOT NULL CHECK ("visibility" IN ('internal', 'public')),
        "status" text NOT NULL CHECK ("status" IN ('draft', 'review', 'published', 'archived')),
        "row_version" integer NOT NULL DEFAULT 1,
        "published_version" integer,
        "content_hash" text NOT NULL,
        "author_id" text NOT NULL,
        "updated_by_id" text NOT NULL,
        "view_count" bigint NOT NULL DEFAULT 0,
        "helpful_count" integer NOT NULL DEFAULT 0,
        "not_helpful_count" integer NOT NULL DEFAULT 0,
        "solution_link_count" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz(3) NOT NULL DEFAULT now(),
        "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
        "published_at" timestamptz(3),
        "archived_at" timestamptz(3),
        CONSTRAINT "uq_article_translation_locale" UNIQUE ("translation_group_id", "locale")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_article_updated" ON "knowledge"."article" ("updated_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_article_category" ON "knowledge"."article" ("category_id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "knowledge"."article_version" (
        "article_id" uuid NOT NULL REFERENCES "knowledge"."article" ("id") ON DELETE CASCADE,
        "version" integer NOT NULL,
        "title" text NOT NULL,
        "summary" text NOT NULL,
        "keywords" text[] NOT NULL,
        "body_markdown" text NOT NULL,
        "category_id" uuid,
        "visibility" text NOT NULL,
        "locale" text NOT NULL,
        "published_by_id" text NOT NULL,
        "published_at" timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY ("article_id", "version")
      )`);
    await queryRunner.query(`
      CREATE TABLE "knowledge"."article_feedback" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "article_id" uuid NOT NULL REFERENCES "knowledge"."article" ("id") ON DELETE CASCADE,
        "helpful" boolean NOT NULL,
        "comment" text,
        "actor" text NOT NULL,
        "created_at" timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_article_feedback_article" ON "knowledge"."article_feedback" ("article_id", "created_at", "id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "knowledge"."solution_link" (
        "article_id" uuid NOT NULL REFERENCES "knowledge"."article" ("id") ON DELETE CASCADE,
        "ticket_id" uuid NOT NULL,
        "linked_by_id" text NOT NULL,
        "linked_at" timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY ("article_id", "ticket_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "ix_solution_link_ticket" ON "knowledge"."solution_link" ("ticket_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "knowledge"."solution_link"`);
    await queryRunner.query(`DROP TABLE "knowledge"."article_feedback"`);
    await queryRunner.query(`DROP TABLE "knowledge"."article_version"`);
    await queryRunner.query(`DROP TABLE "knowledge"."article"`);
    await queryRunner.query(`DROP TABLE "knowledge"."category"`);
  }
}
