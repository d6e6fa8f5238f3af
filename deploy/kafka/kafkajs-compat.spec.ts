import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// Kafka 4.0 dropped protocol versions that kafkajs 2.2.4 still sends, so the pinned broker
// line must keep passing this check: topics, idempotent produce, consumer group offsets and
// transactions.
describe('kafkajs against the pinned broker', () => {
  it('passes produce, consume, commit and transaction checks', () => {
    const result = spawnSync(process.execPath, [join(__dirname, 'check-kafkajs.mjs')], {
      env: process.env,
      encoding: 'utf8',
      timeout: 90000,
    });

    // kafkajs logs retried requests as errors, so only the exit status decides.
    expect({ status: result.status, output: result.stdout + result.stderr }).toMatchObject({
      status: 0,
    });
  }, 100000);
});
