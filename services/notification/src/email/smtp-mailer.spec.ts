import { pooledSmtpOptions } from './smtp-mailer.service';

describe('pooledSmtpOptions', () => {
  it('pools a plain SMTP URL', () => {
    const options = pooledSmtpOptions('smtp://127.0.0.1:1025', 8);

    expect(options.pool).toBe(true);
    expect(options.maxConnections).toBe(8);
    expect(options.host).toBe('127.0.0.1');
    expect(options.port).toBe(1025);
    expect(options.secure).toBe(false);
    expect(options.auth).toBeUndefined();
  });

  it('reads TLS and encoded credentials', () => {
    const options = pooledSmtpOptions('smtps://mailer%40desk:p%3Ass@mail.example.org', 4);

    expect(options.secure).toBe(true);
    expect(options.port).toBe(465);
    expect(options.auth).toEqual({ user: 'mailer@desk', pass: 'p:ss' });
  });

  it('rejects other schemes', () => {
    expect(() => pooledSmtpOptions('http://mail.example.org', 4)).toThrow('invalid SMTP_URL');
  });
});
