import { LOCALIZED_NAMES } from './localized-values';
import { SAMPLE_VARIABLES } from './sample-variables';
import { assertTemplateSyntax, TAG, TemplateSyntaxError } from './template-renderer';

/**
 * Names a template may use: the variables, the keys of the items of list variables, and the
 * values written in the recipient's language.
 */
const KNOWN_NAMES = new Set([
  ...Object.entries(SAMPLE_VARIABLES).flatMap(([name, value]) => [
    name,
    ...(Array.isArray(value) ? value.flatMap((item) => Object.keys(item as object)) : []),
  ]),
  ...LOCALIZED_NAMES,
]);

/**
 * Returns every problem of a template: an unclosed or stray section, a name that no notification
 * provides, and braces that do not form a tag. An unknown name would always render empty, and
 * braces that are no tag come from an unclosed `{{title` or the triple braces of other languages.
 */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  try {
    assertTemplateSyntax(template);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    problems.push(error.message);
  }

  const unknown = new Set<string>();
  for (const [, , name] of template.matchAll(TAG)) {
    if (!KNOWN_NAMES.has(name)) unknown.add(name);
  }
  if (unknown.size > 0) {
    problems.push(
      `unknown variable ${[...unknown].map((name) => `{{${name}}}`).join(', ')}; known: ` +
        [...KNOWN_NAMES].sort().join(', '),
    );
  }

  if (template.includes('{{{')) {
    problems.push('triple braces are not supported: every value is inserted escaped in HTML');
  } else {
    const rest = template.replace(TAG, '');
    const stray = rest.search(/\{\{|\}\}/);
    if (stray >= 0) {
      problems.push(
        `"${rest.slice(stray, stray + 20)}" is not a complete tag such as {{ticketTitle}}`,
      );
    }
  }

  return problems;
}
