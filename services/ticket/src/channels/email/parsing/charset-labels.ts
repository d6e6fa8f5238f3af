/**
 * Charset labels that the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/#names-and-labels)
 * maps to a different decoder than their literal name, spelled as iconv-lite names. Mail clients
 * label windows-1252 text as ISO-8859-1 or US-ASCII, so a strict Latin-1 decoder turns the euro
 * sign, dashes and curly quotes into C1 control characters.
 */
const DECODER_BY_LABEL: Record<string, string> = {
  'ansi_x3.4-1968': 'windows-1252',
  ascii: 'windows-1252',
  cp1252: 'windows-1252',
  cp819: 'windows-1252',
  csisolatin1: 'windows-1252',
  ibm819: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso-ir-100': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso88591: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  'iso_8859-1:1987': 'windows-1252',
  l1: 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-9': 'windows-1254',
  'iso8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'iso-8859-11': 'windows-874',
  'tis-620': 'windows-874',
  gb2312: 'gbk',
  'ks_c_5601-1987': 'cp949',
  'euc-kr': 'cp949',
  'x-mac-cyrillic': 'maccyrillic',
  'x-mac-roman': 'macroman',
};

/** Returns the iconv-lite decoder name for a MIME charset label. */
export function decoderNameForLabel(label: string): string {
  const normalised = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');

  return DECODER_BY_LABEL[normalised] ?? normalised;
}

/** The windows-1252 characters of the bytes 0x80 to 0x9F, keeping the C1 control where the code page has none. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Replaces C1 control characters (U+0080 to U+009F) with the windows-1252 characters of the same
 * byte. Header decoding in libmime reads ISO-8859-1 strictly, and C1 controls never belong in a
 * subject or display name, so this repairs encoded-words without touching correct text.
 */
export function repairC1Controls(text: string): string {
  return text.replace(
    /[\u0080-\u009f]/g,
    (character) => WINDOWS_1252_HIGH[character.charCodeAt(0) - 0x80],
  );
}
