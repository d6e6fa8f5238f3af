/** Values a template can refer to: scalars, nested lists of value maps for sections, or absent. */
export type TemplateValue = string | number | boolean | null | undefined | TemplateVariables[];
export interface TemplateVariables {
  [name: string]: TemplateValue;
}

export type Escape = (text: string) => string;

const HTML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes the five characters that can change the meaning of HTML text or attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ENTITIES[character]);
}

export const noEscape: Escape = (text) => text;

/** Raised when a template has an unclosed or mismatched section. */
export class TemplateSyntaxError extends Error {}

/** A tag: `{{name}}`, or a section's `{{#name}}`, `{{^name}}` or `{{/name}}`. */
export const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z][\w.]*)\s*\}\}/g;

interface SectionBounds {
  bodyStart: number;
  bodyEnd: number;
  after: number;
}

/** Finds the `{{/name}}` that closes a section opened just before `from`, honouring nesting. */
function findSectionEnd(template: string, name: string, from: number): SectionBounds {
  const tag = new RegExp(TAG.source, 'g');
  tag.lastIndex = from;
  let depth = 1;
  for (let match = tag.exec(template); match; match = tag.exec(template)) {
    const [, sigil, tagName] = match;
    if (tagName !== name) continue;
    if (sigil === '#' || sigil === '^') depth++;
    if (sigil === '/') depth--;
    if (depth === 0) {
      return { bodyStart: from, bodyEnd: match.index, after: match.index + match[0].length };
    }
  }

  throw new TemplateSyntaxError(`section {{#${name}}} is not closed with {{/${name}}}`);
}

function isSet(value: TemplateValue): boolean {
  if (Array.isArray(value)) return value.length > 0;

  return value !== undefined && value !== null && value !== false && value !== '';
}

function lookup(scopes: TemplateVariables[], name: string): TemplateValue {
  for (let index = scopes.length - 1; index >= 0; index--) {
    if (name in scopes[index]) return scopes[index][name];
  }

  return undefined;
}

function renderScoped(template: string, scopes: TemplateVariables[], escape: Escape): string {
  let output = '';
  let cursor = 0;
  const tag = new RegExp(TAG.source, 'g');
  for (let match = tag.exec(template); match; match = tag.exec(template)) {
    const [whole, sigil, name] = match;
    output += template.slice(cursor, match.index);
    cursor = match.index + whole.length;
    if (sigil === '/') {
      throw new TemplateSyntaxError(`{{/${name}}} closes a section that is not open`);
    }
    if (sigil === '') {
      const value = lookup(scopes, name);
      output += isSet(value) && !Array.isArray(value) ? escape(String(value)) : '';
      continue;
    }

    const bounds = findSectionEnd(template, name, cursor);
    const body = template.slice(bounds.bodyStart, bounds.bodyEnd);
    output += renderSection(sigil, body, lookup(scopes, name), scopes, escape);
    cursor = bounds.after;
    tag.lastIndex = cursor;
  }

  return output + template.slice(cursor);
}

function renderSection(
  sigil: string,
  body: string,
  value: TemplateValue,
  scopes: TemplateVariables[],
  escape: Escape,
): string {
  if (sigil === '^') {
    return isSet(value) ? '' : renderScoped(body, scopes, escape);
  }
  if (!isSet(value)) return '';
  if (Array.isArray(value)) {
    return value.map((item) => renderScoped(body, [...scopes, item], escape)).join('');
  }

  return renderScoped(body, scopes, escape);
}

/**
 * Renders a logic-less template. Every value goes through `escape`, so an HTML part never
 * contains markup taken from a ticket; the template's own markup is left as written.
 */
export function renderTemplate(
  template: string,
  variables: TemplateVariables,
  escape: Escape = noEscape,
): string {
  return renderScoped(template, [variables], escape);
}

/** Checks a template's sections without rendering it; raises TemplateSyntaxError. */
export function assertTemplateSyntax(template: string): void {
  renderTemplate(template, {});
}
