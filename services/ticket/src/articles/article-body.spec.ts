import { sanitizeArticleHtml, textFromHtml } from './article-body';

describe('article body', () => {
  it('removes scripts, handlers and javascript URLs', () => {
    const html =
      '<p onclick="steal()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">x</a></p>';

    const clean = sanitizeArticleHtml(html);

    expect(clean).not.toMatch(/script|onclick|javascript/);
    expect(clean).toContain('<p>Hi');
  });

  it('derives text with line breaks and decoded entities', () => {
    expect(textFromHtml('<p>Grüße &amp; Dank</p><p>Zeile 2<br>Zeile 3</p>')).toBe(
      'Grüße & Dank\nZeile 2\nZeile 3',
    );
  });
});
