import { ArticleStatus } from './article.entity';
import { KnowledgeConflictError, KnowledgeErrorCode } from '../common/knowledge.error';

/** Status changes an article may make: draft -> review -> published -> archived, and back to draft. */
export const ALLOWED_TRANSITIONS: Record<ArticleStatus, readonly ArticleStatus[]> = {
  draft: ['review'],
  review: ['draft', 'published'],
  published: ['archived'],
  archived: ['draft'],
};

/** Raises a 409 naming the allowed targets when `from -> to` is not a workflow step. */
export function assertTransition(from: ArticleStatus, to: ArticleStatus): void {
  const allowed = ALLOWED_TRANSITIONS[from];
  if (allowed.includes(to)) return;

  throw new KnowledgeConflictError(
    KnowledgeErrorCode.IllegalTransition,
    `cannot move an article from ${from} to ${to}; allowed from ${from}: ${allowed.join(', ')}`,
    [{ field: 'status', reason: `allowed from ${from}: ${allowed.join(', ')}` }],
  );
}
