import { Controller, Get, Global, Module, Res, SetMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { serviceMetrics } from './metrics';

export type HealthCheck = () => Promise<void>;

/** Readiness checks registered by the modules that own a dependency (Postgres, Kafka). */
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async evaluate(timeoutMs = 2000): Promise<{ ready: boolean; checks: Record<string, string> }> {
    const results: Record<string, string> = {};
    if (this.shuttingDown) {
      results.shutdown = 'shutting down';
    }

    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs, `${name} check timed out after ${timeoutMs} ms`);
          results[name] = 'up';
        } catch (error) {
          results[name] = `down: ${(error as Error).message}`;
        }
      }),
    );

    return { ready: Object.values(results).every((status) => status === 'up'), checks: results };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });

  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

// The auth guard lets routes with this metadata through without credentials.
@SetMetadata('deskflow:public', true)
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('health/live')
  live(): { status: string } {
    return { status: 'up' };
  }

  @Get('health/ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const result = await this.registry.evaluate();
    reply.status(result.ready ? 200 : 503);

    return { status: result.ready ? 'up' : 'down', checks: result.checks };
  }

  @Get('metrics')
  async metrics(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const metrics = serviceMetrics();
    reply.header('content-type', metrics.registry.contentType);

    return metrics.registry.metrics();
  }
}

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthRegistry],
  exports: [HealthRegistry],
})
export class ObservabilityModule {}
