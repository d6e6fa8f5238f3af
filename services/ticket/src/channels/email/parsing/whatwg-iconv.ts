import { Transform, TransformCallback } from 'node:stream';
import * as iconv from 'iconv-lite';
import { decoderNameForLabel } from './charset-labels';

/**
 * A decoder with the `new Iconv(from, to)` stream shape that mailparser accepts as its `Iconv`
 * option. It decodes body parts with the WHATWG reading of the charset label and emits UTF-8.
 * An unknown label throws in the constructor, and mailparser then keeps the part's bytes as
 * they are.
 *
 * NOTE: iconv-lite has no ISO-2022-JP decoder, which mailparser's own default path handles, so
 * such parts stay undecoded with this option.
 */
export class WhatwgIconv extends Transform {
  private readonly decoder: iconv.DecoderStream;

  constructor(fromCharset: string) {
    super();
    const name = decoderNameForLabel(fromCharset);
    if (!iconv.encodingExists(name)) {
      throw new Error(`unsupported charset ${fromCharset}`);
    }
    this.decoder = iconv.getDecoder(name);
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
