import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@deskflow/testing';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

/** True when Debian's dovecot-imapd is installed and the test runs as root, as dovecot requires. */
export const dovecotAvailable = existsSync(DOVECOT_BINARY) && process.getuid?.() === 0;

export interface DovecotServer {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts a throw-away dovecot IMAP server on 127.0.0.1 with one plain-text login, its own
 * configuration, state and Maildir under a temporary folder. Mail is stored as user `nobody`.
 */
export async function startDovecot(): Promise<DovecotServer> {
  const dir = mkdtempSync(join(tmpdir(), 'deskflow-dovecot-'));
  // Dovecot's auth process runs as user dovecot and must reach the password file.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const home = join(dir, 'home');
  for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub));
  const ids = execFileSync('id', ['-u', 'nobody']).toString().trim();
  chownSync(home, Number(ids), Number(execFileSync('id', ['-g', 'nobody']).toString().trim()));
  writeFileSync(join(dir, 'passwd'), 'desk:{PLAIN}imap-test-password\n');
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      'protocols = imap',
      'listen = 127.0.0.1',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      `mail_location = maildir:${home}/%u/Maildir`,
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN ${dir}/passwd\n}`,
      `userdb {\n  driver = static\n  args = uid=nobody gid=${execFileSync('id', ['-gn', 'nobody']).toString().trim()} home=${home}/%u\n}`,
      `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service anvil {\n  chroot =\n}',
    ].join('\n'),
  );
  // The master daemonises; ignoring stdio keeps its inherited pipes from holding this call open.
  execFileSync(DOVECOT_BINARY, ['-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  const pidFile = join(dir, 'run', 'master.pid');
  await waitFor(() => existsSync(pidFile) || undefined, {
    timeoutMs: 10000,
    what: 'dovecot pid file',
  });

  return {
    port,
    user: 'desk',
    password: 'imap-test-password',
    stop: async () => {
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      process.kill(pid, 'SIGTERM');
      await waitFor(() => !existsSync(pidFile) || undefined, {
        timeoutMs: 10000,
        what: 'dovecot to stop',
      }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
