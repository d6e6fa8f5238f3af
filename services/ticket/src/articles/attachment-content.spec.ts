import { detectContent } from './attachment-content';

describe('detectContent', () => {
  it('detects a PDF from its bytes, whatever the file is called', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF', 'latin1');

    const stored = await detectContent({ filename: 'Rechnung März.exe', content: pdf });

    expect(stored.contentType).toBe('application/pdf');
  });

  it('calls unsigned UTF-8 text plain text and unknown bytes octet-stream', async () => {
    const text = await detectContent({
      filename: 'a.html',
      content: Buffer.from('<script>alert(1)</script> ü'),
    });
    const binary = await detectContent({
      filename: 'a.bin',
      content: Buffer.from([0, 159, 146, 150, 0, 1]),
    });

    expect(text.contentType).toBe('text/plain');
    expect(binary.contentType).toBe('application/octet-stream');
  });
});
