import { parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted commas, quotes and line breaks', () => {
    const rows = parseCsv('subject,body\r\n"a, b","say ""hi""\nsecond line"\nplain,x\n');

    expect(rows).toEqual([
      { subject: 'a, b', body: 'say "hi"\nsecond line' },
      { subject: 'plain', body: 'x' },
    ]);
  });

  it('keeps empty fields and a last line without a break', () => {
    const rows = parseCsv('a,b,c\n,2,\n1,,3');

    expect(rows).toEqual([
      { a: '', b: '2', c: '' },
      { a: '1', b: '', c: '3' },
    ]);
  });

  it('returns nothing for a header alone', () => {
    expect(parseCsv('a,b\n')).toEqual([]);
  });
});
