import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull, QueryFailedError } from 'typeorm';
import { NotFoundError, ValidationFailedError } from '@deskflow/http';
import { KnowledgeConflictError, KnowledgeErrorCode } from '../common/knowledge.error';
import { Category } from './category.entity';
import { CreateCategoryDto, SLUG_PATTERN, UpdateCategoryDto } from './dto/category.dto';

export interface CategoryNode {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  children: CategoryNode[];
}

/** The category tree. A category cannot become its own ancestor. */
@Injectable()
export class CategoriesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(dto: CreateCategoryDto): Promise<Category> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertParent(manager, dto.parentId ?? null);
      const category = manager.create(Category, {
        name: dto.name,
        slug: dto.slug,
        parentId: dto.parentId ?? null,
      });

      return insertOrConflict(() => manager.save(category), dto.slug);
    });
  }

  async update(id: string, dto: UpdateCategoryDto): Promise<Category> {
    return this.dataSource.transaction(async (manager) => {
      const category = await manager.findOne(Category, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!category) throw new NotFoundError(`category ${id}`);

      if (dto.parentId !== undefined) {
        await this.assertParent(manager, dto.parentId);
        await this.assertNoCycle(manager, id, dto.parentId);
        category.parentId = dto.parentId;
      }
      category.name = dto.name ?? category.name;
      category.slug = dto.slug ?? category.slug;
      category.updatedAt = new Date();

      return insertOrConflict(() => manager.save(category), category.slug);
    });
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const category = await manager.findOne(Category, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!category) throw new NotFoundError(`category ${id}`);

      const [{ children, articles }] = await manager.query(
        `SELECT (SELECT count(*) FROM "knowledge"."category" WHERE "parent_id" = $1)::int AS children,
                (SELECT count(*) FROM "knowledge"."article" WHERE "category_id" = $1)::int AS articles`,
        [id],
      );
      if (children > 0 || articles > 0) {
        throw new KnowledgeConflictError(
          KnowledgeErrorCode.CategoryInUse,
          `category ${id} still has ${children} subcategories and ${articles} articles; move them first`,
        );
      }
      await manager.delete(Category, { id });
    });
  }

  async tree(): Promise<CategoryNode[]> {
    const categories = await this.dataSource
      .getRepository(Category)
      .find({ order: { name: 'ASC', id: 'ASC' } });
    const nodes = new Map(
      categories.map((c) => [
        c.id,
        {
          id: c.id,
          parentId: c.parentId,
          slug: c.slug,
          name: c.name,
          children: [] as CategoryNode[],
        },
      ]),
    );
    const roots: CategoryNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentId ? nodes.get(node.parentId) : undefined;
      (parent ? parent.children : roots).push(node);
    }

    return roots;
  }

  /**
   * Finds or creates the categories of a slash-separated path such as `network/vpn`, naming
   * new ones after their slug. Returns the id of the last one.
   */
  async ensurePath(manager: EntityManager, path: string): Promise<string> {
    let parentId: string | null = null;
    for (const slug of path
      .split('/')
      .map((part) => part.trim().toLowerCase())
      .filter(Boolean)) {
      if (!SLUG_PATTERN.test(slug)) {
        throw new ValidationFailedError([
          { field: 'category', reason: `invalid category slug "${slug}" in ${path}` },
        ]);
      }
      await manager.query(
        `INSERT INTO "knowledge"."category" ("parent_id", "slug", "name") VALUES ($1, $2, $2)
         ON CONFLICT ON CONSTRAINT "uq_category_parent_slug" DO NOTHING`,
        [parentId, slug],
      );
      const found: Category | null = await manager.findOneBy(Category, {
        parentId: parentId ?? IsNull(),
        slug,
      });
      parentId = found!.id;
    }
    if (!parentId)
      throw new ValidationFailedError([{ field: 'category', reason: 'empty category path' }]);

    return parentId;
  }

  private async assertParent(manager: EntityManager, parentId: string | null): Promise<void> {
    if (parentId === null || (await manager.existsBy(Category, { id: parentId }))) return;

    throw new ValidationFailedError([
      { field: 'parentId', reason: `category ${parentId} not found` },
    ]);
  }

  private async assertNoCycle(
    manager: EntityManager,
    id: string,
    parentId: string | null,
  ): Promise<void> {
    if (parentId === null) return;

    const rows: Array<{ id: string }> = await manager.query(
      `WITH RECURSIVE ancestors AS (
         SELECT "id", "parent_id" FROM "knowledge"."category" WHERE "id" = $1
         UNION SELECT c."id", c."parent_id" FROM "knowledge"."category" c JOIN ancestors a ON c."id" = a."parent_id")
       SELECT "id" FROM ancestors WHERE "id" = $2`,
      [parentId, id],
    );
    if (rows.length === 0) return;

    throw new KnowledgeConflictError(
      KnowledgeErrorCode.CategoryCycle,
      `category ${parentId} is ${id} itself or one of its descendants, so it cannot be its parent`,
      [{ field: 'parentId', reason: 'would create a cycle' }],
    );
  }
}

async function insertOrConflict(save: () => Promise<Category>, slug: string): Promise<Category> {
  try {
    return await save();
  } catch (error) {
    const code =
      error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
    if (code !== '23505') throw error;

    throw new KnowledgeConflictError(
      KnowledgeErrorCode.CategoryExists,
      `a category with slug ${slug} exists under the same parent`,
      [{ field: 'slug', reason: 'already used under this parent' }],
    );
  }
}
