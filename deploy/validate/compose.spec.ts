import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  healthPaths,
  jwksIssuers,
  listServices,
  readEnvironmentVariables,
  REPO_ROOT,
  serviceReads,
} from './service-sources';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  read_only?: boolean;
  user?: string;
}

const composeText = readFileSync(join(REPO_ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };
const envExample = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
const services = listServices();
const environment = readEnvironmentVariables();
const health = healthPaths();
const issuers = jwksIssuers();

// Runs the Debian docker-compose (1.29) `config` check on a copy of the file with .env.example as .env.
function composeConfig(text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'deskflow-compose-'));
  try {
    writeFileSync(join(dir, 'docker-compose.yml'), text);
    copyFileSync(join(REPO_ROOT, '.env.example'), join(dir, '.env'));
    const result = spawnSync(
      'docker-compose',
      ['--project-directory', dir, '-f', join(dir, 'docker-compose.yml'), 'config', '-q'],
      {
        encoding: 'utf8',
      },
    );
    if (result.error) {
      throw new Error(
        `docker-compose is missing (${result.error.message}); run deploy/validate/install-tools.sh`,
      );
    }

    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function envExampleNames(): Set<string> {
  const names = [...envExample.matchAll(/^#?\s?([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);

  return new Set(names);
}

describe('docker-compose.yml', () => {
  it('passes the Compose file schema', () => {
    const result = composeConfig(composeText);

    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('fails the schema check when broken', () => {
    const broken = composeText.replace(
      '  postgres:\n    image:',
      '  postgres:\n    healthchek: {}\n    image:',
    );

    expect(broken).not.toBe(composeText);
    expect(composeConfig(broken).status).not.toBe(0);
  });

  it('has a service and a migrate container per service', () => {
    const names = Object.keys(compose.services);
    for (const { name } of services) {
      expect(names).toContain(name);
      expect(names).toContain(`${name}-migrate`);
    }
  });

  it.each(services)('builds $name from the shared Dockerfile', ({ name }) => {
    for (const container of [compose.services[name], compose.services[`${name}-migrate`]]) {
      expect(container.build?.dockerfile).toBe('deploy/docker/Dockerfile');
      expect(container.build?.args?.SERVICE).toBe(name);
      expect(container.image).toMatch(new RegExp(`^deskflow/${name}:`));
    }
  });

  it.each(services)('runs $name on its default port', ({ name, defaultPort }) => {
    const container = compose.services[name];

    expect(String(container.environment?.PORT)).toBe(String(defaultPort));
    expect(container.ports?.some((port) => port.endsWith(`:${defaultPort}:${defaultPort}`))).toBe(
      true,
    );
    expect(container.healthcheck?.test.join(' ')).toContain(
      `127.0.0.1:${defaultPort}${health.ready}`,
    );
  });

  it.each(services)('gives $name the settings a container needs', ({ name }) => {
    const env = compose.services[name].environment ?? {};

    expect(env.HOST).toBe('0.0.0.0');
    expect(env.SERVICE_NAME).toBe(name);
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.+@postgres:5432\//);
    expect(env.KAFKA_BROKERS).toBe('kafka:9092');
  });

  it.each(services)('sets only variables that $name reads', ({ name }) => {
    for (const container of [compose.services[name], compose.services[`${name}-migrate`]]) {
      const unread = Object.keys(container.environment ?? {}).filter((key) => {
        const use = environment.get(key);

        return !use || !serviceReads(use, name);
      });
      expect(unread).toEqual([]);
    }
  });

  it.each(services)('migrates $name before it starts', ({ name }) => {
    const migrate = compose.services[`${name}-migrate`];
    const server = compose.services[name];

    expect(String(migrate.environment?.MIGRATE_ONLY)).toBe('1');
    expect(migrate.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(server.depends_on?.[`${name}-migrate`]?.condition).toBe(
      'service_completed_successfully',
    );
    expect(server.depends_on?.kafka?.condition).toBe('service_healthy');
  });

  it.each(services.filter(({ name }) => !issuers.includes(name)))(
    'points $name at the JWKS issuer',
    ({ name }) => {
      const issuer = services.find((service) => service.name === issuers[0])!;

      expect(issuers).toHaveLength(1);
      expect(compose.services[name].environment?.JWT_JWKS_URL).toBe(
        `http://${issuer.name}:${issuer.defaultPort}/.well-known/jwks.json`,
      );
      expect(compose.services[name].depends_on?.[issuer.name]?.condition).toBe('service_healthy');
    },
  );

  it.each(services)('runs $name read-only as a non-root user', ({ name }) => {
    expect(compose.services[name].read_only).toBe(true);
    expect(compose.services[name].user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
  });
});

describe('.env.example', () => {
  it('lists every variable the services read', () => {
    const listed = envExampleNames();
    const missing = [...environment.keys()].filter((name) => !listed.has(name)).sort();

    expect(missing).toEqual([]);
  });

  it('lists only variables that are read or used by compose', () => {
    const stale = [...envExampleNames()].filter(
      (name) => !environment.has(name) && !composeText.includes(`\${${name}`),
    );

    expect(stale).toEqual([]);
  });
});
