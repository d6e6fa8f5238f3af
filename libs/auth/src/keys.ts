import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

/** Folder of the development key pair; git-ignored, created on first use. */
export function devKeysDir(): string {
  return resolve(
    process.env.DESKFLOW_DEV_KEYS_DIR ?? join(__dirname, '..', '..', '..', '.dev-keys'),
  );
}

function readPair(dir: string): KeyPairPem {
  return {
    privateKey: readFileSync(join(dir, 'jwt-private.pem'), 'utf8'),
    publicKey: readFileSync(join(dir, 'jwt-public.pem'), 'utf8'),
  };
}

/**
 * Returns the development RS256 key pair, generating it on first use. Production sets
 * JWT_PRIVATE_KEY and JWT_PUBLIC_KEY instead, and never reaches this.
 */
export function loadOrCreateDevKeyPair(dir = devKeysDir()): KeyPairPem {
  try {
    return readPair(dir);
  } catch {
    mkdirSync(dir, { recursive: true });
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    try {
      // 'wx' fails when another process wrote the pair first; its pair is then the one to use.
      writeFileSync(join(dir, 'jwt-private.pem'), pair.privateKey, { flag: 'wx', mode: 0o600 });
      writeFileSync(join(dir, 'jwt-public.pem'), pair.publicKey, { flag: 'wx' });
    } catch {
      return readPair(dir);
    }

    return pair;
  }
}

/** Returns the key pair from the environment, or the development pair when none is set. */
export function signingKeyPair(): KeyPairPem {
  const privateKey = process.env.JWT_PRIVATE_KEY;
  const publicKey = process.env.JWT_PUBLIC_KEY;
  if (privateKey && publicKey) {
    return {
      privateKey: privateKey.replace(/\\n/g, '\n'),
      publicKey: publicKey.replace(/\\n/g, '\n'),
    };
  }

  return loadOrCreateDevKeyPair();
}
