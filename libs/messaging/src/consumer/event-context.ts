import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@deskflow/contracts';

/**
 * The context an event handler receives with `@Ctx()`: the envelope and the EntityManager of
 * the transaction that also records the event as processed. Write through this manager only,
 * or the effect and the inbox row can part.
 */
export class EventContext extends BaseRpcContext<[EventEnvelope, EntityManager]> {
  get envelope(): EventEnvelope {
    return this.args[0];
  }

  get manager(): EntityManager {
    return this.args[1];
  }
}
