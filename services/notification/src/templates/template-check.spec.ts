import { DEFAULT_TEMPLATES } from '../database/seeds/default-templates';
import { templateProblems } from './template-check';

describe('templateProblems', () => {
  it.each(DEFAULT_TEMPLATES.map((seed) => [`${seed.key}/${seed.locale}`, seed]))(
    'finds nothing in the default template %s',
    (_name, seed) => {
      for (const part of [seed.subject, seed.text, seed.html]) {
        expect(templateProblems(part)).toEqual([]);
      }
    },
  );

  it('names an unknown variable', () => {
    expect(templateProblems('Hello {{nonexistentVar}}')).toEqual([
      expect.stringMatching(/^unknown variable \{\{nonexistentVar\}\}; known: .*ticketTitle/),
    ]);
  });

  it('accepts the item keys of a list section', () => {
    expect(templateProblems('{{#changes}}{{field}}: {{after}}{{/changes}}')).toEqual([]);
  });

  it('reports every template problem', () => {
    expect(templateProblems('{{#internal}} {{ticketTitle')).toEqual([
      'section {{#internal}} is not closed with {{/internal}}',
      '"{{ticketTitle" is not a complete tag such as {{ticketTitle}}',
    ]);
  });

  it('rejects triple braces', () => {
    expect(templateProblems('{{{ticketTitle}}}')).toEqual([
      'triple braces are not supported: every value is inserted escaped in HTML',
    ]);
  });
});
