import { Transform, TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import * as iconv from 'iconv-lite';
import { decoderNameForLabel } from './charset-labels';

/**
 * A decoder with the `new Iconv(from, to)` stream shape that mailparser accepts as its `Iconv`
 * option. It decodes body parts with the WHATWG reading of the charset label and emits UTF-8.
 * Charsets that iconv-lite lacks (ISO-2022-JP among them) go to the runtime's WHATWG
 * `TextDecoder`. A label that neither supports throws in the constructor, and mailparser then keeps the
 * part's bytes as they are.
 */
export class WhatwgIconv extends Transform {
  private readonly decoder: ChunkDecoder;

  constructor(fromCharset: string) {
    super();
    this.decoder = createDecoder(fromCharset);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pushText(this.decoder.write(chunk));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pushText(this.decoder.end());
    done();
  }

  private pushText(text: string | undefined): void {
    if (text) this.push(Buffer.from(text, 'utf8'));
  }
}

interface ChunkDecoder {
  write(chunk: Buffer): string | undefined;
  end(): string | undefined;
}

function createDecoder(label: string): ChunkDecoder {
  const name = decoderNameForLabel(label);
  if (iconv.encodingExists(name)) return iconv.getDecoder(name);

  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(name);
  } catch {
    throw new Error(`unsupported charset ${label}`);
  }

  return {
    write: (chunk) => decoder.decode(chunk, { stream: true }),
    end: () => decoder.decode(),
  };
}
