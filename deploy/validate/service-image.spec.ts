import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { healthPaths, REPO_ROOT } from './service-sources';

const DOCKER_DIR = join(REPO_ROOT, 'deploy', 'docker');
const dockerfile = readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8');
const HEALTHCHECK = join(DOCKER_DIR, 'healthcheck.js');

function runHealthcheck(env: Record<string, string>, cwd = REPO_ROOT): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HEALTHCHECK], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    child.on('exit', (code) => resolve(code));
  });
}

async function startServer(
  status: number,
): Promise<{ server: Server; port: number; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return { server, port: (server.address() as AddressInfo).port, paths };
}

describe('Dockerfile', () => {
  it('selects the service with a build argument', () => {
    expect(dockerfile).toMatch(/^ARG SERVICE$/m);
    expect(dockerfile).toContain('services/${SERVICE}/dist');
  });

  it('installs only production dependencies in the runtime image', () => {
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime$/m);
  });

  it('runs as the non-root user the manifests expect', () => {
    const user = /^USER (\d+):(\d+)$/m.exec(dockerfile);
    const compose = parse(readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8'), {
      merge: true,
    });

    expect(user).not.toBeNull();
    expect(Number(user![1])).toBeGreaterThan(0);
    expect(compose.services.ticket.user).toBe(`${user![1]}:${user![2]}`);
    expect(
      readFileSync(join(REPO_ROOT, 'deploy/kubernetes/base/service/deployment.yaml'), 'utf8'),
    ).toContain(`runAsUser: ${user![1]}`);
  });

  it('checks health with the healthcheck script', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .*CMD \["node", "\/app\/healthcheck\.js"\]$/m);
  });
});

describe('healthcheck.js', () => {
  it('passes when the live route answers 200', async () => {
    const { server, port, paths } = await startServer(200);
    try {
      expect(await runHealthcheck({ PORT: String(port) })).toBe(0);
      expect(paths).toEqual([healthPaths().live]);
    } finally {
      server.close();
    }
  });

  it('fails when the live route answers 503', async () => {
    const { server, port } = await startServer(503);
    try {
      expect(await runHealthcheck({ PORT: String(port) })).toBe(1);
    } finally {
      server.close();
    }
  });

  it('fails when nothing listens', async () => {
    const { server, port } = await startServer(200);
    await new Promise((resolve) => server.close(resolve));

    expect(await runHealthcheck({ PORT: String(port) })).toBe(1);
  });

  it('falls back to the compiled DEFAULT_PORT', async () => {
    const { server, port, paths } = await startServer(200);
    const serviceDir = mkdtempSync(join(tmpdir(), 'deskflow-healthcheck-'));
    try {
      mkdirSync(join(serviceDir, 'dist'));
      writeFileSync(
        join(serviceDir, 'dist', 'service.config.js'),
        `exports.DEFAULT_PORT = ${port};\n`,
      );

      expect(await runHealthcheck({}, serviceDir)).toBe(0);
      expect(paths).toHaveLength(1);
    } finally {
      server.close();
      rmSync(serviceDir, { recursive: true, force: true });
    }
  });
});
