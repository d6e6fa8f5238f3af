import { ApiKey } from '../auth/api-key.entity';
import { Agent } from '../people/agent.entity';
import { Customer } from '../people/customer.entity';
import { Organisation } from '../people/organisation.entity';
import { Queue } from '../queues/queue.entity';
import { QueueMember } from '../queues/queue-member.entity';

/** Every TypeORM entity of the service. */
export const entities = [Organisation, Customer, Agent, Queue, QueueMember, ApiKey];
