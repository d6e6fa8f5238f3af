import { EntityManager } from 'typeorm';

/**
 * Runs a statement with RETURNING and gives back its rows. TypeORM's Postgres driver returns
 * `[rows, rowCount]` for UPDATE and DELETE but the rows alone for SELECT and INSERT.
 */
export async function returningRows<T>(
  manager: Pick<EntityManager, 'query'>,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result: unknown = await manager.query(sql, params);
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }

  return result as T[];
}
