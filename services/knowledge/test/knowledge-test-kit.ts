import { randomUUID } from 'node:crypto';
import { Actor } from '@deskflow/auth';
import { ServiceHarness, startServiceHarness, TestResponse } from '@deskflow/testing';
import { serviceAppOptions } from '../src/service.config';

export const ADMIN: Actor = { id: randomUUID(), role: 'admin', name: 'Ada Admin' };
export const AGENT: Actor = { id: randomUUID(), role: 'agent', name: 'Ben Agent' };
export const CUSTOMER: Actor = { id: randomUUID(), role: 'customer', name: 'Erika Customer' };

export interface KnowledgeKit {
  harness: ServiceHarness;
  tokens: { admin: string; agent: string; customer: string };
  /** Creates a draft through the API and returns its body. */
  createArticle(fields: Record<string, unknown>): Promise<any>;
  /** Moves an article through review to published and returns the published article. */
  publish(id: string): Promise<any>;
  /** Creates and publishes an article. */
  createPublished(fields: Record<string, unknown>): Promise<any>;
  /** Changes an article as an agent, with the If-Match of its current version; returns the response. */
  edit(id: string, changes: Record<string, unknown>): Promise<TestResponse<any>>;
}

/** Boots the service; `env` sets environment variables such as limits before it starts. */
export async function startKnowledgeKit(env: Record<string, string> = {}): Promise<KnowledgeKit> {
  const harness = await startServiceHarness(serviceAppOptions, env);
  const tokens = {
    admin: await harness.tokenFor(ADMIN),
    agent: await harness.tokenFor(AGENT),
    customer: await harness.tokenFor(CUSTOMER),
  };

  const createArticle = async (fields: Record<string, unknown>) => {
    const response = await harness.request('POST', '/api/v1/articles', {
      token: tokens.agent,
      body: { locale: 'de', visibility: 'public', bodyMarkdown: '', ...fields },
    });
    if (response.status !== 201)
      throw new Error(`create failed: ${response.status} ${JSON.stringify(response.body)}`);

    return response.body;
  };

  const transition = async (id: string, status: string) => {
    const response = await harness.request('POST', `/api/v1/articles/${id}/transitions`, {
      token: tokens.agent,
      body: { status },
    });
    if (response.status !== 200)
      throw new Error(`${status} failed: ${response.status} ${JSON.stringify(response.body)}`);

    return response.body;
  };

  const publish = async (id: string) => {
    await transition(id, 'review');

    return transition(id, 'published');
  };

  const edit = async (id: string, changes: Record<string, unknown>) => {
    const current = await harness.request('GET', `/api/v1/articles/${id}`, {
      token: tokens.agent,
    });

    return harness.request('PATCH', `/api/v1/articles/${id}`, {
      token: tokens.agent,
      headers: { 'if-match': current.headers.get('etag') ?? '*' },
      body: changes,
    });
  };

  return {
    harness,
    tokens,
    createArticle,
    publish,
    createPublished: async (fields) => publish((await createArticle(fields)).id),
    edit,
  };
}
