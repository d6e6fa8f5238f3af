import { AppError, ConflictError, FieldProblem } from '@deskflow/http';

/** Codes of the knowledge service's own errors. */
export enum KnowledgeErrorCode {
  IllegalTransition = 'illegal_transition',
  TranslationExists = 'translation_exists',
  ImportKeyExists = 'import_key_exists',
  CategoryInUse = 'category_in_use',
  CategoryCycle = 'category_cycle',
  CategoryExists = 'category_exists',
  ArticleNotEditable = 'article_not_editable',
  IfMatchRequired = 'precondition_required',
}

export class KnowledgeConflictError extends ConflictError {
  constructor(code: KnowledgeErrorCode, message: string, details: FieldProblem[] = []) {
    super(code, message, details);
  }
}

/** A write that must name the version it read (RFC 6585, 428 Precondition Required). */
export class IfMatchRequiredError extends AppError {
  constructor() {
    super(
      KnowledgeErrorCode.IfMatchRequired,
      'missing If-Match header: send the ETag of the article you read',
      428,
      [{ field: 'If-Match', reason: 'required on updates, e.g. If-Match: "3"' }],
    );
  }
}
