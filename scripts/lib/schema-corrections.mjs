// Corrections to the property metadata that the @nestjs/swagger plugin (11.2) collects.
// The plugin copies the source text of a `@Matches(...)` argument, so a named constant becomes
// the pattern `SLUG_PATTERN` and a literal keeps its slashes and flags. It also types a union of
// string literals as `Object` and types every number as `number`, integers included. The
// functions here read the declared TypeScript type and decorators instead.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const { ModelClassVisitor } = require('@nestjs/swagger/dist/plugin/visitors/model-class.visitor');

// The plugin catches and hides errors thrown while it visits a property, so problems are
// collected here and reported by the generator.
const problems = [];

/** Returns and clears the problems found since the last call. */
export function takeProblems() {
  return problems.splice(0);
}

class SchemaProblem extends Error {}

const INTEGER_COLUMN_TYPES = new Set(['int', 'int2', 'int4', 'integer', 'smallint']);

/**
 * Wraps the plugin's per-property metadata builder so that every property it visits, nested
 * type literals included, gets a corrected pattern, enum and numeric type.
 */
export function installSchemaCorrections() {
  const build = ModelClassVisitor.prototype.createDecoratorObjectLiteralExpr;
  ModelClassVisitor.prototype.createDecoratorObjectLiteralExpr = function (
    factory,
    node,
    typeChecker,
    ...rest
  ) {
    const literal = build.call(this, factory, node, typeChecker, ...rest);
    try {
      return correctProperty(literal, node, typeChecker);
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error;
      problems.push(error.message);

      return literal;
    }
  };
}

function correctProperty(literal, node, checker) {
  rejectReflectedUnion(node, checker);
  const replacements = {
    ...patternOf(node, checker),
    ...typeOf(literal, node, checker),
    ...boundsOf(literal, node, checker),
  };
  if (Object.keys(replacements).length === 0) return literal;

  // Keys keep their place so that the regenerated files differ only where a value changed.
  const pending = new Map(Object.entries(replacements));
  const properties = literal.properties.map((property) => {
    const key = property.name?.text;
    if (!pending.has(key)) return property;

    const value = pending.get(key);
    pending.delete(key);

    return ts.factory.createPropertyAssignment(key, value);
  });
  for (const [key, value] of pending) {
    properties.push(ts.factory.createPropertyAssignment(key, value));
  }

  return ts.factory.updateObjectLiteralExpression(literal, properties);
}

const EXPLICIT_DECORATORS = ['ApiProperty', 'ApiPropertyOptional', 'ApiResponseProperty'];

/**
 * Rejects an explicit `@ApiProperty()` without `type` or `enum` on a union-typed property.
 * Such a decorator takes its type from `design:type`, which TypeScript emits as `Object` for
 * unions, and explicit options override the generated metadata when the document is built.
 */
function rejectReflectedUnion(node, checker) {
  const explicit = EXPLICIT_DECORATORS.map((name) => decoratorNamed(node, name)).find(Boolean);
  if (!explicit) return;

  const options = explicit.expression.arguments[0];
  const setsType =
    options &&
    ts.isObjectLiteralExpression(options) &&
    options.properties.some((property) => ['type', 'enum'].includes(property.name?.getText()));
  if (setsType) return;

  const declared = checker.getTypeAtLocation(node);
  const members = declared.isUnion()
    ? declared.types.filter((member) => !(member.flags & ts.TypeFlags.Undefined))
    : [declared];
  const isBoolean = members.every((member) => member.flags & ts.TypeFlags.BooleanLiteral);
  if (members.length > 1 && !isBoolean) {
    throw new SchemaProblem(
      `${describe(node)}: @${explicit.expression.expression.getText()} on a union type ` +
        'needs a type or enum option, because the reflected type of a union is Object',
    );
  }
}

function decoratorsOf(node) {
  if (!ts.canHaveDecorators(node)) return [];

  return (ts.getDecorators(node) ?? []).filter((decorator) =>
    ts.isCallExpression(decorator.expression),
  );
}

function decoratorNamed(node, name) {
  return decoratorsOf(node).find((decorator) => {
    const callee = decorator.expression.expression;

    return ts.isIdentifier(callee) && callee.text === name;
  });
}

/** Length and range decorators with the schema key each one sets. */
const BOUND_DECORATORS = {
  MaxLength: 'maxLength',
  MinLength: 'minLength',
  Max: 'maximum',
  Min: 'minimum',
};

/**
 * Returns the bounds that the plugin leaves out because their decorator's argument is a named
 * constant, such as `@MaxLength(MAX_QUERY_LENGTH)`, read from the constant's literal type.
 */
function boundsOf(literal, node, checker) {
  const bounds = {};
  for (const [decorator, key] of Object.entries(BOUND_DECORATORS)) {
    const found = decoratorNamed(node, decorator);
    if (!found || hasKey(literal, key) || appliesToEachElement(found)) continue;

    const type = checker.getTypeAtLocation(found.expression.arguments[0]);
    if (type.isNumberLiteral()) bounds[key] = numericLiteral(type.value);
  }

  return bounds;
}

/** Tells whether a validation decorator's options contain `each: true`. */
function appliesToEachElement(decorator) {
  return decorator.expression.arguments.some(
    (argument) =>
      ts.isObjectLiteralExpression(argument) &&
      argument.properties.some(
        (property) =>
          property.name?.text === 'each' &&
          property.initializer?.kind === ts.SyntaxKind.TrueKeyword,
      ),
  );
}

/** Returns `{ pattern }` with the regex source of a `@Matches` argument, or nothing. */
function patternOf(node, checker) {
  const matches = decoratorNamed(node, 'Matches');
  if (!matches) return {};

  const argument = matches.expression.arguments[0];
  const regex = regexLiteralOf(argument, checker);
  if (!regex) {
    throw new SchemaProblem(
      `${describe(node)}: @Matches needs a regex literal or a const initialised with one, ` +
        `got ${argument.getText()}`,
    );
  }

  return { pattern: ts.factory.createStringLiteral(openApiPattern(regex, node)) };
}

/** Follows identifiers, imports included, to a `const NAME = /.../` declaration. */
function regexLiteralOf(expression, checker) {
  if (ts.isRegularExpressionLiteral(expression)) return expression;
  if (!ts.isIdentifier(expression)) return undefined;

  let symbol = checker.getSymbolAtLocation(expression);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) {
    return undefined;
  }

  return regexLiteralOf(declaration.initializer, checker);
}

/**
 * Converts a regex literal to an OpenAPI pattern, which is an ECMA-262 source without slashes
 * or flags. The `i` flag is spelled out as case pairs. Other flags that change matching (`m`, `s`,
 * `u`, `v`) have no equivalent in a pattern, so they are reported as problems.
 */
function openApiPattern(literal, node) {
  const text = literal.text;
  const end = text.lastIndexOf('/');
  const source = text.slice(1, end);
  const flags = text.slice(end + 1).replace(/[gyd]/g, '');
  if (flags === '') return source;
  if (flags === 'i') return caseInsensitiveSource(source, node);

  throw new SchemaProblem(
    `${describe(node)}: the regex flags "${flags}" have no OpenAPI equivalent`,
  );
}

const swapCase = (char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase());
const isLetter = (char) => /^[A-Za-z]$/.test(char);

/**
 * Rewrites a source so that it matches without the `i` flag as it did with it: a letter `a`
 * becomes `[aA]`, and a class range `a-f` gains `A-F`. Escapes whose letters are not literal
 * characters (`\x41`, `\p{L}`, `\k<name>`) and named groups are rejected.
 */
function caseInsensitiveSource(source, node) {
  let output = '';
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') {
      const escaped = source[i + 1];
      if ('xucpPk'.includes(escaped)) {
        throw new SchemaProblem(`${describe(node)}: cannot rewrite \\${escaped} for the i flag`);
      }
      output += char + escaped;
      i += 1;
    } else if (
      !inClass &&
      char === '(' &&
      source.startsWith('(?<', i) &&
      !/^\(\?<[=!]/.test(source.slice(i))
    ) {
      throw new SchemaProblem(`${describe(node)}: cannot rewrite named groups for the i flag`);
    } else if (char === '[' && !inClass) {
      inClass = true;
      output += char;
    } else if (char === ']' && inClass) {
      inClass = false;
      output += char;
    } else if (inClass && source[i + 1] === '-' && i + 2 < source.length && source[i + 2] !== ']') {
      output += caseInsensitiveRange(char, source[i + 2], node);
      i += 2;
    } else if (isLetter(char)) {
      output += inClass ? char + swapCase(char) : `[${char}${swapCase(char)}]`;
    } else {
      output += char;
    }
  }

  return output;
}

/** Returns a class range with its other-case range added, such as `a-fA-F` for `a-f`. */
function caseInsensitiveRange(first, last, node) {
  if (!isLetter(first) && !isLetter(last)) return `${first}-${last}`;

  const isLower = (char) => char === char.toLowerCase();
  const sameCase = isLetter(first) && isLetter(last) && isLower(first) === isLower(last);
  if (!sameCase) {
    throw new SchemaProblem(
      `${describe(node)}: cannot rewrite the class range ${first}-${last} for the i flag`,
    );
  }

  return `${first}-${last}${swapCase(first)}-${swapCase(last)}`;
}

/**
 * Returns replacements for `type` and `enum`: string or number literal unions become enums, and
 * numbers become `integer` when `@IsInt()` or an integer column declares them so.
 */
function typeOf(literal, node, checker) {
  if (!ts.isPropertyDeclaration(node) && !ts.isPropertySignature(node)) return {};
  if (hasKey(literal, 'enum')) return {};

  const { type, isArray } = unwrap(checker.getTypeAtLocation(node), checker);
  if (!type) return {};

  const values = literalValues(type);
  if (values) {
    const isNumeric = typeof values[0] === 'number';
    const enumValues = values.map((value) =>
      isNumeric ? numericLiteral(value) : ts.factory.createStringLiteral(value),
    );

    // `type: () => [String]` with `enum` would lose the array, because @nestjs/swagger checks
    // `isArray` before it calls the type function.
    const replacements = {
      type: typeFunction(isNumeric ? 'Number' : 'String'),
      enum: ts.factory.createArrayLiteralExpression(enumValues),
    };

    return isArray ? { ...replacements, isArray: ts.factory.createTrue() } : replacements;
  }
  if (type.flags & ts.TypeFlags.Number && isIntegerProperty(node)) {
    return isArray
      ? { type: ts.factory.createStringLiteral('integer'), isArray: ts.factory.createTrue() }
      : { type: ts.factory.createStringLiteral('integer') };
  }

  return {};
}

function hasKey(literal, key) {
  return literal.properties.some((property) => property.name && property.name.text === key);
}

/** Strips `null` and `undefined` from a type and unwraps one array level. */
function unwrap(declared, checker) {
  let type = checker.getNonNullableType(declared);
  let isArray = false;
  if (checker.isArrayType(type)) {
    type = checker.getNonNullableType(checker.getTypeArguments(type)[0]);
    isArray = true;
  }

  return { type, isArray };
}

/** Returns the values of a string or number literal type or union, else undefined. */
function literalValues(type) {
  const members = type.isUnion() ? type.types : [type];
  if (members.every((member) => member.isStringLiteral())) {
    return members.map((member) => member.value);
  }
  if (members.every((member) => member.isNumberLiteral())) {
    return members.map((member) => member.value).sort((a, b) => a - b);
  }

  return undefined;
}

function numericLiteral(value) {
  return value < 0
    ? ts.factory.createPrefixUnaryExpression(
        ts.SyntaxKind.MinusToken,
        ts.factory.createNumericLiteral(-value),
      )
    : ts.factory.createNumericLiteral(value);
}

function typeFunction(name) {
  const identifier = ts.factory.createIdentifier(name);

  return ts.factory.createArrowFunction(undefined, undefined, [], undefined, undefined, identifier);
}

function isIntegerProperty(node) {
  if (decoratorNamed(node, 'IsInt')) return true;

  const column = decoratorNamed(node, 'Column');
  if (!column) return false;

  return column.expression.arguments.some((argument) => {
    if (ts.isStringLiteral(argument)) return INTEGER_COLUMN_TYPES.has(argument.text);
    if (!ts.isObjectLiteralExpression(argument)) return false;

    return argument.properties.some(
      (property) =>
        ts.isPropertyAssignment(property) &&
        property.name.getText() === 'type' &&
        ts.isStringLiteral(property.initializer) &&
        INTEGER_COLUMN_TYPES.has(property.initializer.text),
    );
  });
}

function describe(node) {
  const source = node.getSourceFile();
  const { line } = source.getLineAndCharacterOfPosition(node.getStart());

  return `${source.fileName}:${line + 1} ${node.name?.getText() ?? ''}`;
}
