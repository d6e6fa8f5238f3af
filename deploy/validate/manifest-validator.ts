import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';

/** Folder where install-tools.sh puts the Java classpath and the generated CRDs. */
export const TOOLS_CACHE = join(__dirname, '.cache');
const CLASSPATH_FILE = join(TOOLS_CACHE, 'classpath.txt');
const CRD_DIR = join(TOOLS_CACHE, 'crds');

/**
 * API groups whose CRD schemas no reachable registry ships (CloudNativePG publishes its CRDs only
 * on GitHub and in container images). Objects of these groups are reported as not validated.
 */
export const UNVALIDATED_GROUPS: Record<string, string> = {
  'postgresql.cnpg.io': 'CloudNativePG CRDs are not available from npm, Maven Central or Debian',
};

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface ValidationResult {
  object: string;
  /** null when valid; the first problem otherwise. */
  error: string | null;
  /** Set when no schema was available, with the reason. */
  skipped?: string;
}

export function objectLabel(object: KubernetesObject): string {
  return `${object.apiVersion}/${object.kind} ${object.metadata?.name ?? '(no name)'}`;
}

/** Renders a kustomize folder with `kubectl kustomize` and returns its YAML. */
export function renderKustomization(dir: string): string {
  const result = spawnSync('kubectl', ['kustomize', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw new Error(
      `kubectl is missing or failed to start (${result.error.message}); see deploy/validate/install-tools.sh`,
    );
  }
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr.trim()}`);
  }

  return result.stdout;
}

/** Parses multi-document YAML into objects, skipping empty documents. */
export function parseObjects(yamlText: string): KubernetesObject[] {
  return parseAllDocuments(yamlText)
    .map((document) => {
      if (document.errors.length > 0)
        throw new Error(`invalid YAML: ${document.errors[0].message}`);

      return document.toJSON() as KubernetesObject | null;
    })
    .filter((object): object is KubernetesObject => object !== null);
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

function requireTools(): void {
  if (!existsSync(CLASSPATH_FILE) || !existsSync(CRD_DIR)) {
    throw new Error(
      `schema tools are missing in ${TOOLS_CACHE}: run deploy/validate/install-tools.sh first`,
    );
  }
}

/** Validates built-in objects with the official Kubernetes Java client's generated models. */
function validateBuiltIn(objects: KubernetesObject[]): (string | null)[] {
  if (objects.length === 0) return [];

  const classpath = [
    join(__dirname, 'schema-tools', 'target', 'schema-tools.jar'),
    readFileSync(CLASSPATH_FILE, 'utf8').trim(),
  ].join(':');
  const result = spawnSync(
    'java',
    ['-cp', classpath, 'dev.deskflow.deploy.BuiltInObjectValidator'],
    {
      input: JSON.stringify(objects),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    throw new Error(
      `BuiltInObjectValidator failed (exit ${result.status}): ${result.error?.message ?? result.stderr}`,
    );
  }

  return (JSON.parse(result.stdout) as { index: number; error: string | null }[]).map(
    (entry) => entry.error,
  );
}

type Schema = Record<string, unknown>;

/**
 * Turns a CRD's structural OpenAPI schema into JSON Schema as the API server applies it: fields
 * the schema does not declare are rejected (the server would prune them), int-or-string and
 * nullable keep their meaning.
 */
export function toStrictJsonSchema(schema: Schema): Schema {
  const converted: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object') {
      converted.properties = Object.fromEntries(
        Object.entries(value as Record<string, Schema>).map(([name, child]) => [
          name,
          toStrictJsonSchema(child),
        ]),
      );
    } else if (
      (key === 'items' || key === 'additionalProperties' || key === 'not') &&
      value &&
      typeof value === 'object'
    ) {
      converted[key] = toStrictJsonSchema(value as Schema);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      converted[key] = value.map((child: Schema) => toStrictJsonSchema(child));
    } else if (!key.startsWith('x-kubernetes-') && key !== 'nullable') {
      converted[key] = value;
    }
  }

  if (schema['x-kubernetes-int-or-string']) {
    delete converted.type;
    converted.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (schema.nullable && typeof converted.type === 'string') {
    converted.type = [converted.type, 'null'];
  }
  const keepsUnknown = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (converted.properties && !keepsUnknown && converted.additionalProperties === undefined) {
    converted.additionalProperties = false;
  }

  return converted;
}

interface CustomResourceDefinition {
  spec: {
    group: string;
    names: { kind: string };
    versions: { name: string; schema?: { openAPIV3Schema: Schema } }[];
  };
}

/** Compiles one validator per group/version/kind from the CRDs in the tools cache. */
export function loadCustomResourceValidators(dir = CRD_DIR): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: false });
  const validators = new Map<string, ValidateFunction>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.yaml'))) {
    for (const crd of parseObjects(
      readFileSync(join(dir, file), 'utf8'),
    ) as unknown as CustomResourceDefinition[]) {
      for (const version of crd.spec.versions) {
        if (!version.schema) continue;
        const key = `${crd.spec.group}/${version.name}/${crd.spec.names.kind}`;
        validators.set(key, ajv.compile(toStrictJsonSchema(version.schema.openAPIV3Schema)));
      }
    }
  }

  return validators;
}

function validateCustom(
  object: KubernetesObject,
  validators: Map<string, ValidateFunction>,
): string | null {
  const validate = validators.get(`${object.apiVersion}/${object.kind}`);
  if (!validate) return `no CRD schema for ${object.apiVersion}/${object.kind}`;
  if (validate(object)) return null;

  const first = validate.errors![0];
  const extra =
    first.params && 'additionalProperty' in first.params
      ? ` (${String(first.params.additionalProperty)})`
      : '';

  return `${first.instancePath || '/'} ${first.message}${extra}`;
}

/**
 * Validates rendered objects: built-in kinds against the Kubernetes 1.32 API, Strimzi kinds
 * against Strimzi's CRDs, and reports every other kind as an error unless its group is in
 * UNVALIDATED_GROUPS.
 */
export function validateObjects(objects: KubernetesObject[]): ValidationResult[] {
  requireTools();
  const validators = loadCustomResourceValidators();
  const customGroups = new Set([...validators.keys()].map((key) => key.split('/')[0]));

  const builtIn = objects.filter((object) => {
    const group = groupOf(object.apiVersion);

    return !customGroups.has(group) && !(group in UNVALIDATED_GROUPS);
  });
  const builtInErrors = validateBuiltIn(builtIn);

  return objects.map((object) => {
    const group = groupOf(object.apiVersion);
    if (group in UNVALIDATED_GROUPS) {
      return { object: objectLabel(object), error: null, skipped: UNVALIDATED_GROUPS[group] };
    }
    if (customGroups.has(group)) {
      return { object: objectLabel(object), error: validateCustom(object, validators) };
    }

    return { object: objectLabel(object), error: builtInErrors[builtIn.indexOf(object)] };
  });
}
