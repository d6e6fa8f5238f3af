import { escapeHtml, renderTemplate, TemplateSyntaxError } from './template-renderer';

describe('renderTemplate', () => {
  it('replaces placeholders', () => {
    expect(
      renderTemplate('Ticket #{{ticketNumber}}: {{ title }}', {
        ticketNumber: '1042',
        title: 'Printer',
      }),
    ).toBe('Ticket #1042: Printer');
  });

  it('renders missing values as empty text', () => {
    expect(renderTemplate('[{{missing}}]', {})).toBe('[]');
  });

  it('escapes values but not the template markup', () => {
    const html = renderTemplate(
      '<p>{{title}}</p>',
      { title: '<script>alert("x")</script>' },
      escapeHtml,
    );

    expect(html).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
  });

  it('renders a section only when its value is set', () => {
    const template = 'A{{#due}} by {{due}}{{/due}}.';

    expect(renderTemplate(template, { due: 'Monday' })).toBe('A by Monday.');
    expect(renderTemplate(template, { due: null })).toBe('A.');
  });

  it('renders an inverted section when the value is unset', () => {
    const template = '{{#internal}}note{{/internal}}{{^internal}}reply{{/internal}}';

    expect(renderTemplate(template, { internal: true })).toBe('note');
    expect(renderTemplate(template, { internal: false })).toBe('reply');
  });

  it('repeats a section for each list item', () => {
    const template = '{{#items}}<li>{{n}} of {{count}}</li>{{/items}}';
    const html = renderTemplate(
      template,
      { count: 2, items: [{ n: '<1>' }, { n: 2 }] },
      escapeHtml,
    );

    expect(html).toBe('<li>&lt;1&gt; of 2</li><li>2 of 2</li>');
  });

  it('renders nested sections of the same name', () => {
    expect(renderTemplate('{{#a}}x{{#a}}y{{/a}}z{{/a}}', { a: true })).toBe('xyz');
  });

  it('rejects an unclosed section', () => {
    expect(() => renderTemplate('{{#a}}x', { a: true })).toThrow(TemplateSyntaxError);
  });

  it('rejects a stray closing tag', () => {
    expect(() => renderTemplate('x{{/a}}', {})).toThrow(TemplateSyntaxError);
  });
});
