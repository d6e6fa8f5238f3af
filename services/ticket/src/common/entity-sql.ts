import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { SqlParams } from './sql-params';

function tableOf(metadata: EntityMetadata): string {
  return metadata.schema
    ? `"${metadata.schema}"."${metadata.tableName}"`
    : `"${metadata.tableName}"`;
}

/**
 * Plain SQL for TypeORM entities, for statements that TypeORM does not build: several inserts
 * in one statement, or entities read in the same statement as something else. Values and rows
 * go through the driver's conversions, as with TypeORM's own queries.
 */
export class EntitySql {
  constructor(private readonly dataSource: DataSource) {}

  /** An INSERT of one entity; columns whose value is undefined get their default. */
  insert<T extends ObjectLiteral>(target: EntityTarget<T>, entity: T, params: SqlParams): string {
    const metadata = this.dataSource.getMetadata(target);
    const columns = metadata.columns.filter((column) => column.isInsert);
    const values = columns.map((column) => {
      const value: unknown = column.getEntityValue(entity);

      return value === undefined
        ? 'DEFAULT'
        : params.add(this.dataSource.driver.preparePersistentValue(value, column));
    });
    const names = columns.map((column) => `"${column.databaseName}"`);

    return `INSERT INTO ${tableOf(metadata)} (${names.join(', ')}) VALUES (${values.join(', ')})`;
  }

  /** The entity's table, for a FROM or JOIN clause. */
  table(target: EntityTarget<ObjectLiteral>): string {
    return tableOf(this.dataSource.getMetadata(target));
  }

  /** A select list of the entity's selectable columns of `alias`, named `<prefix><property>`. */
  columns(target: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
    return this.dataSource
      .getMetadata(target)
      .columns.filter((column) => column.isSelect)
      .map((column) => `"${alias}"."${column.databaseName}" AS "${prefix}${column.propertyName}"`)
      .join(', ');
  }

  /** The entity in a row selected with `columns`, or null when its primary key is null. */
  hydrate<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    row: Record<string, unknown>,
    prefix: string,
  ): T | null {
    const metadata = this.dataSource.getMetadata(target);
    if (metadata.primaryColumns.some((column) => row[prefix + column.propertyName] == null))
      return null;

    const entity = metadata.create() as T;
    for (const column of metadata.columns.filter((candidate) => candidate.isSelect)) {
      const value = row[prefix + column.propertyName];
      column.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(value, column));
    }

    return entity;
  }
}
