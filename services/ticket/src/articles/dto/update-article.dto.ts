import { Equals } from 'class-validator';

/** The one allowed change of an article: making an internal article public. */
export class UpdateArticleDto {
  @Equals('public', { message: 'visibility can only change from internal to public' })
  visibility!: 'public';
}
