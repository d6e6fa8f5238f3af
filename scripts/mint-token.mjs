// Prints a development access token for a role, signed with the key pair in .dev-keys/.
// Usage: npm run token -- <admin|agent|customer|integration> [id] [email]
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot, run } from './lib/infrastructure.mjs';

const [role, id = randomUUID(), email] = process.argv.slice(2);
const roles = ['admin', 'agent', 'customer', 'integration'];
if (!roles.includes(role)) {
  console.error(`usage: npm run token -- <${roles.join('|')}> [id] [email]`);
  process.exit(2);
}

if (!existsSync(join(repoRoot, 'libs/auth/dist/index.js'))) {
  run('npx', ['tsc', '-b', 'libs/auth/tsconfig.build.json']);
}
const require = createRequire(import.meta.url);
const { mintToken } = require(join(repoRoot, 'libs/auth/dist/index.js'));
console.log(await mintToken({ id, role, email, expiresInSeconds: 12 * 3600 }));
