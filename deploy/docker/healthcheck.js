// Container health check: exits 0 when GET /health/live returns 200. Slim Node images have no
// curl, so Node makes the request. The port is PORT, else DEFAULT_PORT of the service's build.
'use strict';
const { readFileSync } = require('node:fs');
const { get } = require('node:http');

function servicePort() {
  if (process.env.PORT) return Number(process.env.PORT);

  // Read the compiled file as text: requiring it would load the whole application module.
  const compiled = readFileSync('dist/service.config.js', 'utf8');
  const match = /DEFAULT_PORT\s*=\s*(\d+)/.exec(compiled);
  if (!match) throw new Error('DEFAULT_PORT not found in dist/service.config.js; set PORT');

  return Number(match[1]);
}

const request = get(
  { host: '127.0.0.1', port: servicePort(), path: '/health/live', timeout: 2000 },
  (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  },
);
request.on('timeout', () => request.destroy(new Error('timed out after 2000 ms')));
request.on('error', (error) => {
  console.error(`health check failed: ${error.message}`);
  process.exit(1);
});
