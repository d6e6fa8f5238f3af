import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JwtVerifier, mintToken } from './jwt';

process.env.DESKFLOW_DEV_KEYS_DIR = mkdtempSync(join(tmpdir(), 'deskflow-keys-'));

describe('JWT issuing and verification', () => {
  const verifier = new JwtVerifier();

  it('verifies a token it minted and returns the actor', async () => {
    const token = await mintToken({
      id: 'a1',
      role: 'agent',
      email: 'anna@example.org',
      scopes: ['x'],
    });

    await expect(verifier.verify(token)).resolves.toEqual({
      id: 'a1',
      role: 'agent',
      email: 'anna@example.org',
      name: undefined,
      organisationId: undefined,
      scopes: ['x'],
    });
  });

  it('rejects a token signed with another key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const token = await mintToken({ id: 'a1', role: 'admin' }, privateKey);

    await expect(verifier.verify(token)).rejects.toThrow('invalid access token');
  });

  it('rejects an expired token', async () => {
    const token = await mintToken({ id: 'a1', role: 'agent', expiresInSeconds: -10 });

    await expect(verifier.verify(token)).rejects.toThrow('"exp" claim timestamp check failed');
  });

  it('rejects a token with an unknown role', async () => {
    const token = await mintToken({ id: 'a1', role: 'superuser' as never });

    await expect(verifier.verify(token)).rejects.toThrow('unknown role');
  });

  it('rejects a tampered payload', async () => {
    const token = await mintToken({ id: 'c1', role: 'customer' });
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'c1', role: 'admin' })).toString('base64url');

    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(
      'invalid access token',
    );
  });

  it('accepts a verified token again only until it expires', async () => {
    jest.useFakeTimers({ now: Date.now() });
    try {
      const token = await mintToken({ id: 'a1', role: 'agent', expiresInSeconds: 5 });
      await expect(verifier.verify(token)).resolves.toMatchObject({ id: 'a1' });

      jest.setSystemTime(Date.now() + 6000);

      await expect(verifier.verify(token)).rejects.toThrow('"exp" claim timestamp check failed');
    } finally {
      jest.useRealTimers();
    }
  });
});
