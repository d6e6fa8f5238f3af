import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Min,
} from 'class-validator';
import { defineEvent } from '../envelope/event-definition';

export class KnowledgeArticlePayload {
  @IsUUID()
  articleId!: string;

  @IsInt()
  @Min(1)
  version!: number;

  @IsString()
  title!: string;

  @IsString()
  locale!: string;

  @IsIn(['internal', 'public'])
  visibility!: 'internal' | 'public';

  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @IsArray()
  @IsString({ each: true })
  keywords!: string[];

  @IsISO8601()
  changedAt!: string;
}

/** An agent linked an article as the solution of a ticket. */
export class KnowledgeSolutionLinkedPayload {
  @IsUUID()
  articleId!: string;

  @IsUUID()
  ticketId!: string;

  @IsISO8601()
  linkedAt!: string;
}

export const KnowledgeEvents = {
  published: defineEvent('knowledge.article_published', 1, KnowledgeArticlePayload),
  updated: defineEvent('knowledge.article_updated', 1, KnowledgeArticlePayload),
  archived: defineEvent('knowledge.article_archived', 1, KnowledgeArticlePayload),
  solutionLinked: defineEvent('knowledge.solution_linked', 1, KnowledgeSolutionLinkedPayload),
} as const;
