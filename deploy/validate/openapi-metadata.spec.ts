import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './service-sources';

describe('OpenAPI metadata', () => {
  it('matches the DTOs and controllers of every service', () => {
    const result = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'scripts', 'openapi-metadata.mjs'), '--check'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 180_000);
});
