// Reads TypeScript declaration files with the TypeScript compiler API and prints, as JSON, what
// each one exports at run time: functions (with every overload), classes (constructor, static
// and instance methods), constants, and other names for things already listed. Types are
// described as small trees, resolved by the type checker: a type from another file, a generic's
// type parameter, an intersection or an indexed access arrive already worked out, and every
// named object type is described once in a table. `jsinterop bind` turns that into stubs.
//
//   node dts_reader.mjs TYPESCRIPT_JS FILE.d.ts [FILE.d.ts ...]
//
// All files are read in one program (the default library is parsed once); the output is a
// JSON array with one entry per file, in the order given.

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [typescriptPath, ...files] = process.argv.slice(2);
const ts = (await import(pathToFileURL(typescriptPath).href)).default;

const compilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.esnext.d.ts", "lib.dom.d.ts"],
};
const paths = files.map((file) => resolve(file));
const program = ts.createProgram(paths, compilerOptions);
const checker = program.getTypeChecker();
const { TypeFlags, SymbolFlags, ObjectFlags } = ts;

const isLibrary = (symbol) =>
  (symbol?.declarations ?? []).some((node) => program.isSourceFileDefaultLibrary(node.getSourceFile()));
const pascal = (text) => text.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, __, c) => c.toUpperCase());
const documentation = (item) => ts.displayPartsToString(item?.getDocumentationComment?.(checker) ?? []).trim();
const typeText = (type) => checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
const unsupported = (type, reason) => ({ k: "unsupported", text: typeText(type), reason });
const isPrivateName = (name) => name.startsWith("#") || name.startsWith("__#");

function isHidden(symbol) {
  const modifiers = ts.getCombinedModifierFlags(symbol.valueDeclaration ?? symbol.declarations?.[0] ?? {});
  return isPrivateName(symbol.name) || Boolean(modifiers & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected));
}

// -- types ----------------------------------------------------------------------------------

// One per file: the named object types the file's exports use, and their names.
class TypeTable {
  constructor() {
    this.names = new Map(); // ts.Type -> name
    this.entries = {}; // name -> { base, doc, members }
  }

  reference(type, context) {
    const known = this.names.get(type);
    if (known) return { k: "ref", name: known };
    const base = this.#baseName(type, context);
    let name = base;
    for (let n = 2; name in this.entries; n++) name = `${base}${n}`;
    this.names.set(type, name);
    const named = [type.aliasSymbol, type.getSymbol()].find((symbol) => symbol && !isLibrary(symbol));
    const entry = { base, doc: documentation(named), members: [] };
    this.entries[name] = entry;
    for (const property of checker.getPropertiesOfType(type)) {
      if (isHidden(property)) continue;
      entry.members.push({
        name: property.name,
        optional: Boolean(property.flags & SymbolFlags.Optional),
        type: describe(declaredType(property), this, base + pascal(property.name)),
        doc: documentation(property),
      });
    }
    return { k: "ref", name };
  }

  #baseName(type, context) {
    for (const symbol of [type.aliasSymbol, type.getSymbol()]) {
      if (symbol && !isLibrary(symbol) && !symbol.name.startsWith("__")) return symbol.name;
    }
    return context;
  }

  // Instantiations of one generic type often read the same once type parameters are replaced by
  // their constraints: merge entries that are equal, until nothing changes.
  merged() {
    for (;;) {
      const canonical = new Map();
      const renamed = {};
      for (const [name, entry] of Object.entries(this.entries)) {
        const key = JSON.stringify([entry.base, entry.members]);
        if (canonical.has(key)) renamed[name] = canonical.get(key);
        else canonical.set(key, name);
      }
      if (!Object.keys(renamed).length) return this.entries;
      for (const name of Object.keys(renamed)) delete this.entries[name];
      const rename = (tree) => {
        if (Array.isArray(tree)) return tree.forEach(rename);
        if (tree === null || typeof tree !== "object") return;
        if (tree.k === "ref" && renamed[tree.name]) tree.name = renamed[tree.name];
        Object.values(tree).forEach(rename);
      };
      rename(this.entries);
      rename(this.roots);
    }
  }
}

// The type a parameter or property is declared with: an optional one without the `undefined`
// that strict mode adds (the Python side marks it optional instead).
function declaredType(symbol) {
  const type = checker.getTypeOfSymbol(symbol);
  const declaration = symbol.valueDeclaration;
  const optional =
    symbol.flags & SymbolFlags.Optional || (declaration && ts.isParameter(declaration) && checker.isOptionalParameter(declaration));
  if (!optional || !(type.flags & TypeFlags.Union)) return type;
  const defined = type.types.filter((member) => !(member.flags & TypeFlags.Undefined));
  if (defined.length === type.types.length || defined.length === 0) return type;
  return defined.length === 1 ? defined[0] : checker.getUnionType(defined);
}

const PRIMITIVES = [
  [TypeFlags.Any, "any"],
  [TypeFlags.Unknown, "unknown"],
  [TypeFlags.String | TypeFlags.TemplateLiteral | TypeFlags.StringMapping, "string"],
  [TypeFlags.Number, "number"],
  [TypeFlags.Boolean, "boolean"],
  [TypeFlags.BigInt | TypeFlags.BigIntLiteral, "bigint"],
  [TypeFlags.Void, "void"],
  [TypeFlags.Undefined, "undefined"],
  [TypeFlags.Null, "null"],
  [TypeFlags.Never, "never"],
  [TypeFlags.NonPrimitive, "object"],
];

function describe(type, table, context) {
  if (type.flags & TypeFlags.Any && type.intrinsicName === "error") {
    return { k: "unsupported", reason: "a type TypeScript could not find (a missing /// <reference> or @types package?)" };
  }
  for (const [flags, k] of PRIMITIVES) if (type.flags & flags) return { k };
  if (type.flags & TypeFlags.StringLiteral) return { k: "literal", value: type.value };
  if (type.flags & TypeFlags.NumberLiteral) return { k: "literal", value: type.value };
  if (type.flags & TypeFlags.BooleanLiteral) return { k: "literal", value: type.intrinsicName === "true" };
  if (type.flags & TypeFlags.ESSymbolLike) return unsupported(type, "symbols have no Python counterpart");
  if (type.flags & TypeFlags.TypeParameter) return typeParameter(type, table, context);
  if (type.flags & TypeFlags.Union) return union(type, table, context);
  if (type.flags & TypeFlags.Intersection) return intersection(type, table, context);
  if (type.flags & TypeFlags.Object) return object(type, table, context);
  const constraint = checker.getBaseConstraintOfType(type);
  if (constraint && constraint !== type) return describe(constraint, table, context);
  return unsupported(type, `the type ${typeText(type)} is not mapped`);
}

// A type parameter reads as its constraint (`T extends string` is a string); an unconstrained
// one (or `this`, whose constraint is the class) as whatever its constraint says, else `any`.
function typeParameter(type, table, context) {
  const constraint = checker.getBaseConstraintOfType(type);
  if (!constraint || constraint === type || constraint.flags & TypeFlags.Unknown) return { k: "any", generic: typeText(type) };
  return describe(constraint, table, context);
}

function union(type, table, context) {
  let members = type.types;
  const literals = members.filter((member) => member.flags & TypeFlags.BooleanLiteral);
  if (literals.length === 2) {
    members = [...members.filter((member) => !(member.flags & TypeFlags.BooleanLiteral)), checker.getBooleanType()];
  }
  const described = new Map(members.map((member) => describe(member, table, context)).map((tree) => [JSON.stringify(tree), tree]));
  return { k: "union", members: [...described.values()] };
}

// `A & B` of object types is one object with the members of both; `{}` parts (a "not null"
// marker, as in `T & {}`) are dropped; an array with extra properties is read as the array.
function intersection(type, table, context) {
  const parts = type.types.filter((part) => !isEmptyObject(part));
  if (parts.length === 1) return describe(parts[0], table, context);
  const isPlainObject = (part) =>
    part.flags & TypeFlags.Object && !checker.isArrayType(part) && !checker.isTupleType(part) && !part.getCallSignatures().length;
  if (parts.every(isPlainObject)) return table.reference(type, context);
  const array = parts.find((part) => checker.isArrayType(part));
  if (array) return describe(array, table, context);
  const primitive = parts.find((part) => part.flags & (TypeFlags.Primitive | TypeFlags.TypeParameter));
  if (primitive) return describe(primitive, table, context);
  return unsupported(type, `the intersection ${typeText(type)} is not mapped`);
}

function isEmptyObject(type) {
  return (
    type.flags & TypeFlags.Object &&
    !checker.getPropertiesOfType(type).length &&
    !type.getCallSignatures().length &&
    !type.getConstructSignatures().length &&
    !checker.getIndexInfosOfType(type).length
  );
}

const LIBRARY_TYPES = {
  Promise: (args, table, context) => ({ k: "promise", inner: describe(args[0], table, context) }),
  PromiseLike: (args, table, context) => ({ k: "promise", inner: describe(args[0], table, context) }),
  Date: () => ({ k: "date" }),
  Uint8Array: () => ({ k: "bytes" }),
  Map: (args, table, context) => ({ k: "map", key: describe(args[0], table, context), value: describe(args[1], table, context) }),
  ReadonlyMap: (args, table, context) => ({ k: "map", key: describe(args[0], table, context), value: describe(args[1], table, context) }),
  Set: (args, table, context) => ({ k: "set", item: describe(args[0], table, context) }),
  ReadonlySet: (args, table, context) => ({ k: "set", item: describe(args[0], table, context) }),
};

function object(type, table, context) {
  if (checker.isTupleType(type)) return tuple(type, table, context);
  if (checker.isArrayType(type)) return { k: "array", item: describe(checker.getTypeArguments(type)[0], table, context) };
  const symbol = type.getSymbol();
  if (symbol && isLibrary(symbol)) {
    const known = LIBRARY_TYPES[symbol.name];
    const args = type.objectFlags & ObjectFlags.Reference ? checker.getTypeArguments(type) : [];
    if (known) return known(args, table, context);
    if (symbol.name !== "__type" && symbol.name !== "__object") return { k: "jsobject", name: symbol.name, why: "a built-in JS type" };
  }
  if (symbol && symbol.flags & SymbolFlags.Class) return { k: "jsobject", name: symbol.name, why: "a class instance" };
  const calls = type.getCallSignatures();
  const properties = checker.getPropertiesOfType(type);
  if (calls.length === 1 && !properties.length) return { k: "function", ...signature(calls[0], table, context) };
  if (calls.length) return { k: "jsobject", name: typeText(type), why: calls.length > 1 ? "an overloaded function" : "a function with properties" };
  if (type.getConstructSignatures().length) return { k: "jsobject", name: typeText(type), why: "a class" };
  const indexes = checker.getIndexInfosOfType(type);
  if (!properties.length && indexes.length === 1) {
    return { k: "record", key: describe(indexes[0].keyType, table, context), value: describe(indexes[0].type, table, context) };
  }
  if (!properties.length && !indexes.length && !(symbol && symbol.flags & SymbolFlags.Interface)) return { k: "any", empty: true };
  return table.reference(type, context);
}

function tuple(type, table, context) {
  const items = checker.getTypeArguments(type);
  const flags = type.target.elementFlags ?? [];
  if (flags.some((flag) => flag & (ts.ElementFlags.Rest | ts.ElementFlags.Variadic))) {
    return { k: "array", item: { k: "union", members: items.map((item) => describe(item, table, context)) } };
  }
  if (flags.some((flag) => flag & ts.ElementFlags.Optional)) return unsupported(type, "tuples with optional items are not mapped");
  return { k: "tuple", items: items.map((item) => describe(item, table, context)) };
}

// -- signatures and exports -----------------------------------------------------------------

function signature(sig, table, context) {
  const params = sig.getParameters().map((symbol, index) => {
    const declaration = symbol.valueDeclaration;
    const isParameter = declaration && ts.isParameter(declaration);
    const destructured = isParameter && !ts.isIdentifier(declaration.name); // `{ a, b }: T`
    return {
      name: destructured ? `arg${index}` : symbol.name,
      optional: Boolean(isParameter && checker.isOptionalParameter(declaration)),
      rest: Boolean(isParameter && declaration.dotDotDotToken),
      type: describe(declaredType(symbol), table, context + pascal(symbol.name)),
    };
  });
  return { params, returns: describe(checker.getReturnTypeOfSignature(sig), table, `${context}Result`), doc: documentation(sig) };
}

class FileReader {
  constructor() {
    this.table = new TypeTable();
    this.exports = [];
    this.seen = new Map(); // declaration node -> the dotted path it was first listed under
    this.queue = [];
  }

  // `path` is where the value is at run time; `names` what a person calls it (they differ for
  // `export =`, which an ES module import sees as `default`).
  visit(symbol, path, names) {
    if (symbol.flags & SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const isFunction = symbol.flags & (SymbolFlags.Function | SymbolFlags.Method);
    const isNamespace = symbol.flags & (SymbolFlags.ValueModule | SymbolFlags.NamespaceModule);
    if (symbol.flags & SymbolFlags.Class) {
      this.#class(symbol, path, names);
    } else if (isFunction || symbol.flags & (SymbolFlags.Variable | SymbolFlags.Property)) {
      this.#value(symbol, path, names);
    } else if (symbol.flags & SymbolFlags.Enum) {
      this.exports.push({ kind: "constant", path, names, reason: "an enum object, not a function" });
    } else if (!isNamespace && symbol.flags & SymbolFlags.Value) {
      this.exports.push({ kind: "constant", path, names, reason: `a ${ts.SymbolFlags[symbol.flags & SymbolFlags.Value] ?? "value"}` });
    }
    if (isNamespace) {
      for (const member of checker.getExportsOfModule(symbol)) {
        if (member.flags & SymbolFlags.Value || member.flags & SymbolFlags.Alias) {
          this.later(member, [...path, member.name], [...names, member.name]);
        }
      }
    }
  }

  // Members are visited after the names above them, so that the shortest name of a thing
  // exported twice (`lexer` and `Lexer.lex`) is the one it is bound under.
  later(symbol, path, names) {
    this.queue.push([symbol, path, names]);
  }

  drain() {
    while (this.queue.length) this.visit(...this.queue.shift());
  }

  #firstSeen(node, path, names, kind) {
    const key = node ?? {};
    const earlier = this.seen.get(key);
    if (earlier !== undefined) {
      this.exports.push({ kind: "alias", path, names, of: earlier, of_kind: kind });
      return true;
    }
    this.seen.set(key, names.join("."));
    return false;
  }

  #value(symbol, path, names) {
    const type = checker.getTypeOfSymbol(symbol);
    const calls = type.getCallSignatures();
    const context = pascal(names[names.length - 1]);
    if (calls.length) {
      if (this.#firstSeen(calls[0].declaration, path, names, "function")) return;
      this.exports.push({
        kind: "function",
        path,
        names,
        doc: documentation(symbol),
        signatures: calls.map((sig) => signature(sig, this.table, context)),
      });
      this.#callableMembers(symbol, type, path, names);
      return;
    }
    const classSymbol = type.getConstructSignatures().length ? type.getSymbol() : undefined;
    if (classSymbol && classSymbol.flags & SymbolFlags.Class) {
      this.#class(classSymbol, path, names);
      return;
    }
    const anonymous = type.getSymbol()?.name === "__type" || type.getSymbol()?.name === "__object";
    if (anonymous && checker.getPropertiesOfType(type).some((p) => checker.getTypeOfSymbol(p).getCallSignatures().length)) {
      this.#callableMembers(symbol, type, path, names);
      return;
    }
    this.exports.push({ kind: "constant", path, names, reason: `a constant of type ${typeText(type)}, not a function` });
  }

  // The function-valued members of a callable object or an object literal type:
  // `declare const x: { (a: string): R; helper(): S }` gives `x` and `x.helper`.
  #callableMembers(symbol, type, path, names) {
    if (symbol.flags & (SymbolFlags.ValueModule | SymbolFlags.NamespaceModule)) return; // its namespace is visited
    for (const member of checker.getPropertiesOfType(type)) {
      if (isHidden(member) || member.name === "prototype") continue;
      const memberType = checker.getTypeOfSymbol(member);
      if (memberType.getCallSignatures().length || memberType.getConstructSignatures().length) {
        this.later(member, [...path, member.name], [...names, member.name]);
      }
    }
  }

  #class(symbol, path, names) {
    const declaration = symbol.valueDeclaration ?? symbol.declarations?.[0];
    if (this.#firstSeen(declaration, path, names, "class")) return;
    const name = names[names.length - 1];
    const staticType = checker.getTypeOfSymbol(symbol);
    const abstract = declaration && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Abstract;
    const constructors = abstract ? [] : staticType.getConstructSignatures().map((sig) => signature(sig, this.table, pascal(name)));
    const methods = [];
    for (const member of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      if (isHidden(member)) continue;
      const calls = checker.getTypeOfSymbol(member).getCallSignatures();
      if (!calls.length) continue;
      const context = pascal(name) + pascal(member.name);
      methods.push({ name: member.name, doc: documentation(member), signatures: calls.map((sig) => signature(sig, this.table, context)) });
    }
    this.exports.push({ kind: "class", path, names, doc: documentation(symbol), abstract: Boolean(abstract), constructors, methods });
    for (const member of checker.getPropertiesOfType(staticType)) {
      if (isHidden(member) || member.name === "prototype") continue;
      const memberType = checker.getTypeOfSymbol(member);
      if (memberType.getCallSignatures().length) this.later(member, [...path, member.name], [...names, member.name]);
    }
  }
}

// `export default function prettyBytes` is called prettyBytes, not default.
function exportedName(symbol, target) {
  if (symbol.name !== "default") return symbol.name;
  const declared = target.valueDeclaration?.name ?? target.declarations?.[0]?.name;
  return declared && ts.isIdentifier(declared) ? declared.text : "default";
}

function readFile(path) {
  const source = program.getSourceFile(path);
  if (!source) return { file: path, error: `TypeScript could not read ${path}` };
  const reader = new FileReader();
  const module = checker.getSymbolAtLocation(source);
  if (!module) {
    return { file: path, exports: [], types: {}, error: `${path} exports nothing: it is a script of global declarations, not a module` };
  }
  const exportEquals = module.exports?.get(ts.InternalSymbolName.ExportEquals);
  if (exportEquals) {
    const target = checker.getAliasedSymbol(exportEquals);
    const name = target.flags & SymbolFlags.Alias ? exportEquals.name : target.name;
    reader.later(target, ["default"], [name === "export=" ? "default" : name]);
  } else {
    for (const symbol of checker.getExportsOfModule(module)) {
      const target = symbol.flags & SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      if (target.flags & SymbolFlags.Value) reader.later(symbol, [symbol.name], [exportedName(symbol, target)]);
    }
  }
  reader.drain();
  reader.table.roots = reader.exports;
  const types = reader.table.merged();
  return { file: path, exports: reader.exports, types };
}

process.stdout.write(JSON.stringify(paths.map(readFile)));
