import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { SqlParams } from './sql-params';

/** Table and column names that EntitySql derives once per entity from TypeORM's metadata. */
interface EntityShape {
  metadata: EntityMetadata;
  table: string;
  insertable: ColumnMetadata[];
  insertNames: string;
  selectable: ColumnMetadata[];
}

/**
 * Plain SQL for TypeORM entities, for statements that TypeORM does not build: several inserts
 * in one statement, or entities read in the same statement as something else. Values and rows
 * go through the driver's conversions, as with TypeORM's own queries.
 */
export class EntitySql {
  private readonly shapes = new Map<EntityTarget<ObjectLiteral>, EntityShape>();
  private readonly selectLists = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  /** An INSERT of one entity; columns whose value is undefined get their default. */
  insert<T extends ObjectLiteral>(target: EntityTarget<T>, entity: T, params: SqlParams): string {
    const shape = this.shapeOf(target);
    const values = shape.insertable.map((column) => {
      const value: unknown = column.getEntityValue(entity);

      return value === undefined
        ? 'DEFAULT'
        : params.add(this.dataSource.driver.preparePersistentValue(value, column));
    });

    return `INSERT INTO ${shape.table} (${shape.insertNames}) VALUES (${values.join(', ')})`;
  }

  /** Returns the entity's table, for a FROM or JOIN clause. */
  table(target: EntityTarget<ObjectLiteral>): string {
    return this.shapeOf(target).table;
  }

  /** Builds a select list of the entity's selectable columns of `alias`, named `<prefix><property>`. */
  columns(target: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
    const shape = this.shapeOf(target);
    const key = `${shape.table} ${alias} ${prefix}`;
    let list = this.selectLists.get(key);
    if (list === undefined) {
      list = shape.selectable
        .map((column) => `"${alias}"."${column.databaseName}" AS "${prefix}${column.propertyName}"`)
        .join(', ');
      this.selectLists.set(key, list);
    }

    return list;
  }

  /** The entity in a row selected with `columns`, or null when its primary key is null. */
  hydrate<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    row: Record<string, unknown>,
    prefix: string,
  ): T | null {
    const { metadata, selectable } = this.shapeOf(target);
    if (metadata.primaryColumns.some((column) => row[prefix + column.propertyName] == null))
      return null;

    const entity = metadata.create() as T;
    for (const column of selectable) {
      const value = row[prefix + column.propertyName];
      column.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(value, column));
    }

    return entity;
  }

  private shapeOf(target: EntityTarget<ObjectLiteral>): EntityShape {
    let shape = this.shapes.get(target);
    if (!shape) {
      const metadata = this.dataSource.getMetadata(target);
      const insertable = metadata.columns.filter((column) => column.isInsert);
      shape = {
        metadata,
        table: metadata.schema
          ? `"${metadata.schema}"."${metadata.tableName}"`
          : `"${metadata.tableName}"`,
        insertable,
        insertNames: insertable.map((column) => `"${column.databaseName}"`).join(', '),
        selectable: metadata.columns.filter((column) => column.isSelect),
      };
      this.shapes.set(target, shape);
    }

    return shape;
  }
}
