import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  KubernetesObject,
  parseObjects,
  renderKustomization,
  validateObjects,
} from './manifest-validator';

const KUBERNETES_DIR = join(__dirname, '..', 'kubernetes');
const OVERLAYS = ['dev', 'production'];

// Starting the JVM and the kustomize renders take a few seconds on a 2-core machine.
jest.setTimeout(120_000);

function render(overlay: string): KubernetesObject[] {
  return parseObjects(renderKustomization(join(KUBERNETES_DIR, 'overlays', overlay)));
}

function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function find(objects: KubernetesObject[], kind: string, name?: string): KubernetesObject {
  const found = objects.find(
    (object) => object.kind === kind && (!name || object.metadata?.name === name),
  );
  if (!found) throw new Error(`rendered manifests contain no ${kind} ${name ?? ''}`);

  return found;
}

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  const objects = render(overlay);
  const results = validateObjects(objects);

  it('renders objects', () => {
    expect(objects.length).toBeGreaterThan(20);
  });

  it('passes schema validation', () => {
    const invalid = results.filter((result) => result.error !== null);
    expect(invalid).toEqual([]);
  });

  it('validates all but the CloudNativePG Cluster', () => {
    const skipped = results.filter((result) => result.skipped).map((result) => result.object);
    expect(skipped).toEqual(['postgresql.cnpg.io/v1/Cluster deskflow-postgres']);
  });

  it('contains no Secret objects', () => {
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
  });
});

describe('broken manifests', () => {
  const objects = render('dev');

  it('rejects a misspelled container field', () => {
    const deployment = deepCopy(find(objects, 'Deployment'));
    const container = (deployment.spec as any).template.spec.containers[0];
    container.readinesProbe = container.readinessProbe;
    delete container.readinessProbe;

    const [result] = validateObjects([deployment]);

    expect(result.error).toContain('readinesProbe');
  });

  it('rejects a wrongly typed replica count', () => {
    const autoscaler = deepCopy(find(objects, 'HorizontalPodAutoscaler'));
    (autoscaler.spec as any).maxReplicas = 'six';

    const [result] = validateObjects([autoscaler]);

    expect(result.error).not.toBeNull();
  });

  it('rejects a missing required field', () => {
    const service = deepCopy(find(objects, 'Service'));
    delete (service.spec as any).ports[0].port;

    const [result] = validateObjects([service]);

    expect(result.error).toContain('port');
  });

  it('rejects an invalid resource quantity', () => {
    const job = deepCopy(find(objects, 'Job'));
    (job.spec as any).template.spec.containers[0].resources.limits.memory = 'plenty';

    const [result] = validateObjects([job]);

    expect(result.error).toContain('quantity');
  });

  it('rejects a KafkaTopic with a string partition count', () => {
    const topic = deepCopy(find(objects, 'KafkaTopic'));
    (topic.spec as any).partitions = 'twelve';

    const [result] = validateObjects([topic]);

    expect(result.error).toContain('partitions');
  });

  it('rejects an unknown field in a Kafka resource', () => {
    const kafka = deepCopy(find(objects, 'Kafka'));
    (kafka.spec as any).kafka.listners = [];

    const [result] = validateObjects([kafka]);

    expect(result.error).toContain('listners');
  });

  it('rejects an unknown kind', () => {
    const [result] = validateObjects([
      { apiVersion: 'apps/v1', kind: 'Deploymnt', metadata: { name: 'x' } },
    ]);

    expect(result.error).toContain('unknown apiVersion/kind');
  });

  it('fails to render a broken kustomization', () => {
    const copy = mkdtempSync(join(tmpdir(), 'deskflow-kustomize-'));
    try {
      cpSync(KUBERNETES_DIR, copy, { recursive: true });
      writeFileSync(
        join(copy, 'overlays', 'dev', 'kustomization.yaml'),
        stringify({ resources: ['../../base', 'missing-file.yaml'] }),
      );

      expect(() => renderKustomization(join(copy, 'overlays', 'dev'))).toThrow(
        /missing-file\.yaml/,
      );
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
