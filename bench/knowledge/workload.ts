/**
 * Requests of the knowledge benchmark, generated from the words that `seed-articles.sql` puts
 * into the articles. A fixed seed makes every run send the same requests.
 */

/** Seed of the benchmark's random choices, so every run sends the same requests. */
export const BENCH_SEED = 20261204;

/** The IT terms of the seeded titles, keywords and bodies; the seed reads them from here. */
export const TOPICS = {
  de: (
    'Drucker Passwort Netzwerk Verbindung Fehler Konto Anmeldung Laufwerk Freigabe Monitor ' +
    'Tastatur Maus Akku Bildschirm Sicherung Datei Ordner Zertifikat Postfach Kalender ' +
    'Benutzer Rechte Treiber Installation Aktualisierung Server Telefon Headset Kamera ' +
    'Scanner zurücksetzen einrichten verbinden löschen ändern prüfen starten sperren ' +
    'freischalten drucken'
  ).split(' '),
  en: (
    'printer password network connection error account login drive share monitor keyboard ' +
    'mouse battery screen backup file folder certificate mailbox calendar user permissions ' +
    'driver installation update server phone headset camera scanner reset configure connect ' +
    'delete change check start lock unlock print'
  ).split(' '),
};

/** Everyday words of ticket texts, which carry little meaning for the search. */
const TICKET_WORDS = {
  de: 'geht nicht mehr seit heute bitte Hilfe immer wieder plötzlich'.split(' '),
  en: 'does not work since today please help again suddenly broken'.split(' '),
};

type Locale = keyof typeof TOPICS;

export interface SearchQuery {
  q: string;
  locale: Locale;
}

export interface Ticket {
  subject: string;
  body: string;
  locale: Locale;
}

/** Returns a pseudo-random number generator (mulberry32) over [0, 1). */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;

    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T =>
  values[Math.floor(random() * values.length)];

/** A body word of the seed, drawn with its skew: low numbers are common. */
const bodyWord = (random: () => number) => `wort${Math.floor(20_000 * random() ** 3)}`;

/**
 * Builds one query of a kind a help-desk portal receives: one term, a term being typed, two or
 * three terms, a term with a rarer word, an article number, or a term with a typo.
 */
function randomQuery(random: () => number): SearchQuery {
  const locale: Locale = random() < 0.5 ? 'de' : 'en';
  const topic = () => pick(random, TOPICS[locale]);
  const kind = random();
  if (kind < 0.15) return { q: topic(), locale };
  if (kind < 0.3) {
    const word = topic();

    return { q: word.slice(0, Math.max(3, Math.ceil(word.length * random()))), locale };
  }
  if (kind < 0.65) return { q: `${topic()} ${topic()}`, locale };
  if (kind < 0.75) return { q: `${topic()} ${topic()} ${topic()}`, locale };
  if (kind < 0.87) return { q: `${topic()} ${bodyWord(random)}`, locale };
  // The seed gives German articles even numbers and English ones odd numbers.
  if (kind < 0.95) {
    const number = 2 * Math.floor(random() * 50_000) + (locale === 'de' ? 2 : 1);

    return { q: `Artikel ${number}`, locale };
  }

  const word = topic();
  const dropped = 1 + Math.floor(random() * (word.length - 1));

  return { q: word.slice(0, dropped) + word.slice(dropped + 1), locale };
}

/** Returns `count` distinct queries. */
export function distinctQueries(count: number, random: () => number): SearchQuery[] {
  const queries = new Map<string, SearchQuery>();
  while (queries.size < count) {
    const query = randomQuery(random);
    queries.set(`${query.locale} ${query.q.toLowerCase()}`, query);
  }

  return [...queries.values()];
}

/**
 * Returns a sampler of indexes 0 … size - 1 whose probabilities follow Zipf's law: index k is
 * drawn in proportion to 1 / (k + 1)^exponent, as the popularity of queries in search logs.
 */
export function zipfSampler(size: number, exponent: number, random: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= size; rank += 1) {
    sum += 1 / rank ** exponent;
    cumulative.push(sum);
  }

  return () => {
    const target = random() * sum;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }

    return low;
  };
}

/** Builds a ticket: a short subject with one or two terms and a body of 15 to 30 words. */
export function randomTicket(random: () => number): Ticket {
  const locale: Locale = random() < 0.5 ? 'de' : 'en';
  const word = () => {
    const kind = random();
    if (kind < 0.25) return pick(random, TOPICS[locale]);
    if (kind < 0.4) return bodyWord(random);

    return pick(random, TICKET_WORDS[locale]);
  };
  const subject = [pick(random, TOPICS[locale]), pick(random, TICKET_WORDS[locale])];
  if (random() < 0.5) subject.push(pick(random, TOPICS[locale]));
  const body = Array.from({ length: 15 + Math.floor(random() * 16) }, word);

  return { subject: subject.join(' '), body: `${body.join(' ')}.`, locale };
}
