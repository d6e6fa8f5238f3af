import { join } from 'node:path';
import { deadLetterTopic, Topics } from '@deskflow/contracts';
import { KubernetesObject, parseObjects, renderKustomization } from './manifest-validator';
import {
  healthPaths,
  jwksIssuers,
  listServices,
  readEnvironmentVariables,
  serviceReads,
  serviceSchema,
} from './service-sources';

const services = listServices();
const environment = readEnvironmentVariables();
const health = healthPaths();
const issuers = jwksIssuers();
const SECRET_NAMES = /PASSWORD|PRIVATE_KEY|SECRET|TOKEN/;

function render(overlay: string): KubernetesObject[] {
  return parseObjects(
    renderKustomization(join(__dirname, '..', 'kubernetes', 'overlays', overlay)),
  );
}

function named(objects: KubernetesObject[], kind: string, name: string): any {
  const found = objects.find((object) => object.kind === kind && object.metadata?.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} in the rendered manifests`);

  return found;
}

function configMapData(objects: KubernetesObject[], container: any): Record<string, string> {
  const data: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    Object.assign(data, named(objects, 'ConfigMap', source.configMapRef.name).data);
  }

  return data;
}

function envValue(container: any, name: string): any {
  return container.env?.find((variable: any) => variable.name === name);
}

describe.each(['dev', 'production'])('overlay %s against the code', (overlay) => {
  const objects = render(overlay);

  describe.each(services)('service $name', ({ name, defaultPort }) => {
    const deployment = named(objects, 'Deployment', `deskflow-${name}`);
    const job = named(objects, 'Job', `deskflow-migrate-${name}`);
    const server = deployment.spec.template.spec.containers[0];
    const migrate = job.spec.template.spec.containers[0];

    it('has a Service, autoscaler and disruption budget', () => {
      const service = named(objects, 'Service', `deskflow-${name}`);
      const autoscaler = named(objects, 'HorizontalPodAutoscaler', `deskflow-${name}`);
      const budget = named(objects, 'PodDisruptionBudget', `deskflow-${name}`);

      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
      expect(autoscaler.spec.scaleTargetRef.name).toBe(`deskflow-${name}`);
      expect(budget.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    });

    it('listens on the default port', () => {
      expect(envValue(server, 'PORT').value).toBe(String(defaultPort));
      expect(server.ports).toEqual([{ name: 'http', containerPort: defaultPort, protocol: 'TCP' }]);
      expect(configMapData(objects, server).HOST).toBe('0.0.0.0');
    });

    it('probes the health routes', () => {
      expect(server.livenessProbe.httpGet).toEqual({ path: health.live, port: 'http' });
      expect(server.readinessProbe.httpGet).toEqual({ path: health.ready, port: 'http' });
      expect(server.startupProbe.httpGet).toEqual({ path: health.live, port: 'http' });
    });

    it('runs its own image in server and migration Job', () => {
      expect(server.image).toMatch(new RegExp(`^deskflow/${name}:`));
      expect(migrate.image).toBe(server.image);
      expect(envValue(migrate, 'MIGRATE_ONLY').value).toBe('1');
      expect(envValue(server, 'SERVICE_NAME').value).toBe(name);
    });

    it('sets only variables the service reads', () => {
      for (const container of [server, migrate]) {
        const names = [
          ...(container.env ?? []).map((variable: any) => variable.name),
          ...Object.keys(configMapData(objects, container)),
        ];
        const unread = names.filter(
          (key) => !environment.has(key) || !serviceReads(environment.get(key)!, name),
        );
        expect(unread).toEqual([]);
      }
    });

    it('takes credentials from Secrets', () => {
      for (const container of [server, migrate]) {
        const literal = (container.env ?? []).filter(
          (variable: any) =>
            (SECRET_NAMES.test(variable.name) || variable.name === 'DATABASE_URL') &&
            !variable.valueFrom,
        );
        expect(literal).toEqual([]);
        expect(envValue(container, 'DATABASE_URL').valueFrom.secretKeyRef.name).toBe(
          `deskflow-${name}-database`,
        );
      }
    });

    it('runs locked down', () => {
      for (const pod of [deployment.spec.template.spec, job.spec.template.spec]) {
        const container = pod.containers[0];
        expect(pod.securityContext.runAsNonRoot).toBe(true);
        expect(pod.securityContext.seccompProfile.type).toBe('RuntimeDefault');
        expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
        expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
        expect(container.securityContext.capabilities.drop).toEqual(['ALL']);
        expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
        expect(container.resources.limits.memory).toBeDefined();
      }
    });

    it('owns a role and schema in the Postgres cluster', () => {
      const cluster = named(objects, 'Cluster', 'deskflow-postgres');
      const schema = serviceSchema(name);
      const role = cluster.spec.managed.roles.find((entry: any) => entry.name === schema);

      expect(role?.passwordSecret.name).toBe(`deskflow-${name}-database`);
      expect(cluster.spec.bootstrap.initdb.postInitApplicationSQL).toContain(
        `CREATE SCHEMA ${schema} AUTHORIZATION ${schema}`,
      );
    });

    if (!issuers.includes(name)) {
      it('fetches signing keys from the issuer', () => {
        const issuerPolicy = named(objects, 'NetworkPolicy', 'deskflow-jwks-egress');
        const selected = issuerPolicy.spec.podSelector.matchExpressions.find(
          (expression: any) => expression.key === 'app.kubernetes.io/name',
        );

        expect(envValue(server, 'JWT_JWKS_URL').value).toBe(
          `http://deskflow-${issuers[0]}/.well-known/jwks.json`,
        );
        expect(selected.values).toContain(name);
      });
    }
  });

  it('creates every topic and dead-letter topic', () => {
    const topics = objects.filter((object) => object.kind === 'KafkaTopic') as any[];
    const config = named(
      objects,
      'ConfigMap',
      objects.find((object) => object.kind === 'ConfigMap')!.metadata!.name!,
    );
    const byName = new Map(topics.map((topic) => [topic.spec.topicName, topic]));

    for (const topic of Object.values(Topics)) {
      const events = byName.get(topic);
      expect(events?.spec.partitions).toBe(Number(config.data.KAFKA_TOPIC_PARTITIONS));
      expect(events?.spec.partitions).toBeGreaterThan(1);
      expect(events?.spec.replicas).toBe(Number(config.data.KAFKA_TOPIC_REPLICATION));
      expect(byName.has(deadLetterTopic(topic))).toBe(true);
    }
  });
});
