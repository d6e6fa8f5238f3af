import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

/** Repository root, two levels above this folder. */
export const REPO_ROOT = join(__dirname, '..', '..');

// libs/testing only runs inside tests, so what it reads is not a deployment setting.
const RUNTIME_SOURCE_ROOTS = ['libs', 'services'];
const NON_RUNTIME_LIBS = new Set(['testing']);
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

export interface ServiceSource {
  name: string;
  defaultPort: number;
}

/** Lists the services (folders under services/ with a service.config.ts) and their default ports. */
export function listServices(root = REPO_ROOT): ServiceSource[] {
  const servicesDir = join(root, 'services');

  return readdirSync(servicesDir)
    .filter((name) => existsSync(join(servicesDir, name, 'src', 'service.config.ts')))
    .sort()
    .map((name) => {
      const config = readFileSync(join(servicesDir, name, 'src', 'service.config.ts'), 'utf8');
      const match = /export const DEFAULT_PORT\s*=\s*(\d+)/.exec(config);
      if (!match) {
        throw new Error(
          `services/${name}/src/service.config.ts has no "export const DEFAULT_PORT = <number>"`,
        );
      }

      return { name, defaultPort: Number(match[1]) };
    });
}

function runtimeSourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|d)\.ts$/.test(entry.name)) {
        files.push(path);
      }
    }
  };

  for (const top of RUNTIME_SOURCE_ROOTS) {
    for (const project of readdirSync(join(root, top))) {
      if (top === 'libs' && NON_RUNTIME_LIBS.has(project)) continue;
      const src = join(root, top, project, 'src');
      if (existsSync(src)) walk(src);
    }
  }

  return files.sort();
}

// `process.env`, or a variable or parameter whose name ends in env/Env (an injected ProcessEnv).
function isEnvObject(node: ts.Expression): boolean {
  const text = node.getText();

  return text === 'process.env' || /(^|\.)\w*(env|Env)$/.test(text);
}

function stringLiteralName(node: ts.Node | undefined): string | undefined {
  if (node && ts.isStringLiteralLike(node) && ENV_NAME.test(node.text)) return node.text;

  return undefined;
}

// Helpers that take the variable's name first and read process.env[name] themselves.
const SETTING_HELPER = /(setting|number|integer|duration|flag|boolean)$/i;

/**
 * Collects the names of the environment variables one source file reads: `process.env.NAME`,
 * `process.env['NAME']`, `env.NAME` on an injected ProcessEnv, `const { NAME } = process.env`
 * and helper calls such as `numberSetting(env, 'NAME', 5)` or `positiveNumber('NAME', 5)`.
 */
export function environmentNamesIn(fileName: string, text: string): Set<string> {
  const names = new Set<string>();
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);

  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAccessExpression(node) &&
      isEnvObject(node.expression) &&
      ENV_NAME.test(node.name.text)
    ) {
      names.add(node.name.text);
    } else if (ts.isElementAccessExpression(node) && isEnvObject(node.expression)) {
      const name = stringLiteralName(node.argumentExpression);
      if (name) names.add(name);
    } else if (
      ts.isVariableDeclaration(node) &&
      node.initializer &&
      isEnvObject(node.initializer)
    ) {
      if (ts.isObjectBindingPattern(node.name)) {
        for (const element of node.name.elements) {
          const key = element.propertyName ?? element.name;
          if (ts.isIdentifier(key) && ENV_NAME.test(key.text)) names.add(key.text);
        }
      }
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length >= 2 &&
      isEnvObject(node.arguments[0])
    ) {
      const name = stringLiteralName(node.arguments[1]);
      if (name) names.add(name);
    } else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      SETTING_HELPER.test(node.expression.text) &&
      node.arguments.length >= 1
    ) {
      const name = stringLiteralName(node.arguments[0]);
      if (name?.includes('_')) names.add(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  return names;
}

export interface EnvironmentUse {
  name: string;
  /** Files (relative to the repository root) that read the variable. */
  files: string[];
}

/** Lists every environment variable that the runtime code of libs/ and services/ reads. */
export function readEnvironmentVariables(root = REPO_ROOT): Map<string, EnvironmentUse> {
  const uses = new Map<string, EnvironmentUse>();
  for (const file of runtimeSourceFiles(root)) {
    const relativePath = relative(root, file);
    for (const name of environmentNamesIn(relativePath, readFileSync(file, 'utf8'))) {
      const use = uses.get(name) ?? { name, files: [] };
      use.files.push(relativePath);
      uses.set(name, use);
    }
  }

  return uses;
}

/** True when `service` may read the variable: it is read in a shared library or in that service. */
export function serviceReads(use: EnvironmentUse, service: string): boolean {
  return use.files.some(
    (file) => file.startsWith('libs/') || file.startsWith(`services/${service}/`),
  );
}

/** Returns the liveness and readiness paths that libs/observability's health controller serves. */
export function healthPaths(root = REPO_ROOT): { live: string; ready: string; metrics: string } {
  const controller = readFileSync(join(root, 'libs', 'observability', 'src', 'health.ts'), 'utf8');
  const routes = [...controller.matchAll(/@Get\('([^']+)'\)/g)].map((match) => `/${match[1]}`);
  const find = (suffix: string): string => {
    const path = routes.find((route) => route.endsWith(suffix));
    if (!path)
      throw new Error(`libs/observability/src/health.ts serves no route ending in ${suffix}`);

    return path;
  };

  return { live: find('/live'), ready: find('/ready'), metrics: find('metrics') };
}

/** Returns the Postgres schema a service owns (SCHEMA in src/database/schema.ts). */
export function serviceSchema(service: string, root = REPO_ROOT): string {
  const text = readFileSync(
    join(root, 'services', service, 'src', 'database', 'schema.ts'),
    'utf8',
  );
  const match = /export const SCHEMA\s*=\s*'([^']+)'/.exec(text);
  if (!match)
    throw new Error(
      `services/${service}/src/database/schema.ts has no "export const SCHEMA = '<name>'"`,
    );

  return match[1];
}

/** Returns the services whose controllers serve the JWKS document that the others verify tokens with. */
export function jwksIssuers(root = REPO_ROOT): string[] {
  return listServices(root)
    .map((service) => service.name)
    .filter((name) => {
      const files = runtimeSourceFiles(root).filter((file) =>
        file.startsWith(join(root, 'services', name, 'src')),
      );

      return files.some((file) => readFileSync(file, 'utf8').includes("'.well-known/jwks.json'"));
    });
}
