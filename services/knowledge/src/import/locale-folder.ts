import { LOCALE_PATTERN } from '../articles/dto/article-fields';

const LANGUAGES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/**
 * ISO 639 codes that name no language: undetermined, multiple, uncoded and no linguistic
 * content. `ZZ` is the unknown region.
 */
const NOT_LANGUAGES = new Set(['und', 'mul', 'mis', 'zxx']);
const UNKNOWN_REGION = 'ZZ';

/**
 * Checks that a folder name is a language tag with a name in Node's ICU data, such as `de`,
 * `gsw` or `de-AT`, so that `faq/` or `fm/` are not taken for locales.
 * NOTE: folders named like a real three-letter ISO 639 code (`bin`, `src`, `new`) still count
 * as locales. A front-matter `locale` overrides the folder.
 */
export function isLocaleFolder(folder: string): boolean {
  if (!LOCALE_PATTERN.test(folder)) return false;

  const [language, region] = folder.split('-');
  if (NOT_LANGUAGES.has(language) || LANGUAGES.of(language) === undefined) return false;
  if (region === undefined) return true;

  return region !== UNKNOWN_REGION && REGIONS.of(region) !== undefined;
}
