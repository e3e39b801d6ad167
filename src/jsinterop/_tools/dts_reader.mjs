// Reads a TypeScript declaration file with the TypeScript compiler API and prints, as JSON,
// the functions, interfaces and type aliases it exports, with their types described as
// small trees. `jsinterop bind` turns that into @js_import stubs.
//
//   node dts_reader.mjs FILE.d.ts TYPESCRIPT_MODULE_PATH

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [file, typescriptPath] = process.argv.slice(2);
const ts = (await import(pathToFileURL(typescriptPath).href)).default;

const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);

const hasModifier = (node, kind) => (ts.getModifiers?.(node) ?? node.modifiers ?? []).some((m) => m.kind === kind);
const isExported = (node, inNamespace) => inNamespace || hasModifier(node, ts.SyntaxKind.ExportKeyword);
const isDefault = (node) => hasModifier(node, ts.SyntaxKind.DefaultKeyword);
const text = (node) => node.getText(source).replace(/\s+/g, " ");
const nameOf = (node) => (node.name && ts.isIdentifier(node.name) ? node.name.text : node.name ? text(node.name) : "default");
const docOf = (node) => ts.getJSDocCommentsAndTags?.(node)?.map((doc) => (typeof doc.comment === "string" ? doc.comment : "")).filter(Boolean).join("\n") ?? "";

const keywords = {
  [ts.SyntaxKind.StringKeyword]: "string",
  [ts.SyntaxKind.NumberKeyword]: "number",
  [ts.SyntaxKind.BooleanKeyword]: "boolean",
  [ts.SyntaxKind.BigIntKeyword]: "bigint",
  [ts.SyntaxKind.VoidKeyword]: "void",
  [ts.SyntaxKind.UndefinedKeyword]: "undefined",
  [ts.SyntaxKind.NullKeyword]: "null",
  [ts.SyntaxKind.AnyKeyword]: "any",
  [ts.SyntaxKind.UnknownKeyword]: "unknown",
  [ts.SyntaxKind.ObjectKeyword]: "object",
  [ts.SyntaxKind.NeverKeyword]: "never",
};

function describe(node) {
  if (!node) return { k: "any" };
  if (keywords[node.kind]) return { k: keywords[node.kind] };
  if (ts.isParenthesizedTypeNode(node)) return describe(node.type);
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return describe(node.type);
  if (ts.isLiteralTypeNode(node)) {
    const literal = node.literal;
    if (literal.kind === ts.SyntaxKind.NullKeyword) return { k: "null" };
    if (ts.isStringLiteral(literal)) return { k: "literal", value: literal.text };
    if (ts.isNumericLiteral(literal)) return { k: "literal", value: Number(literal.text) };
    if (literal.kind === ts.SyntaxKind.TrueKeyword) return { k: "literal", value: true };
    if (literal.kind === ts.SyntaxKind.FalseKeyword) return { k: "literal", value: false };
  }
  if (ts.isArrayTypeNode(node)) return { k: "array", item: describe(node.elementType) };
  if (ts.isTupleTypeNode(node)) return { k: "tuple", items: node.elements.map(describe) };
  if (ts.isUnionTypeNode(node)) return { k: "union", members: node.types.map(describe) };
  if (ts.isFunctionTypeNode(node)) return { k: "function", ...signature(node) };
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index && node.members.length === 1) return { k: "record", value: describe(index.type) };
    return { k: "object", members: members(node.members) };
  }
  if (ts.isTypeReferenceNode(node)) {
    const name = text(node.typeName);
    const args = (node.typeArguments ?? []).map(describe);
    if ((name === "Array" || name === "ReadonlyArray") && args.length === 1) return { k: "array", item: args[0] };
    if (name === "Promise" && args.length === 1) return { k: "promise", inner: args[0] };
    if (name === "Record" && args.length === 2) return { k: "record", key: args[0], value: args[1] };
    if (name === "Date" || name === "Uint8Array") return { k: name.toLowerCase() };
    if (args.length) return { k: "unsupported", text: text(node), reason: "generic types are not mapped" };
    return { k: "ref", name };
  }
  return { k: "unsupported", text: text(node), reason: `${ts.SyntaxKind[node.kind]} is not mapped` };
}

function members(list) {
  const found = [];
  for (const member of list) {
    if (ts.isPropertySignature(member)) {
      found.push({ name: nameOf(member), optional: Boolean(member.questionToken), type: describe(member.type), doc: docOf(member) });
    } else if (ts.isMethodSignature(member)) {
      found.push({ name: nameOf(member), optional: Boolean(member.questionToken), type: { k: "unsupported", text: text(member), reason: "methods in interfaces are not mapped" } });
    }
  }
  return found;
}

function signature(node) {
  return {
    params: node.parameters.map((param) => ({
      name: ts.isIdentifier(param.name) ? param.name.text : text(param.name),
      optional: Boolean(param.questionToken || param.initializer),
      rest: Boolean(param.dotDotDotToken),
      type: describe(param.type),
    })),
    returns: describe(node.type),
  };
}

const declarations = [];
const skipped = [];

function visit(statements, path, inNamespace) {
  for (const node of statements) {
    if (ts.isFunctionDeclaration(node) && isExported(node, inNamespace)) {
      const jsName = isDefault(node) ? "default" : nameOf(node);
      declarations.push({ kind: "function", path: [...path, jsName], name: nameOf(node), doc: docOf(node), ...signature(node) });
    } else if (ts.isInterfaceDeclaration(node)) {
      const bases = (node.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => text(t.expression)));
      declarations.push({ kind: "interface", name: nameOf(node), bases, members: members(node.members), doc: docOf(node) });
    } else if (ts.isTypeAliasDeclaration(node)) {
      declarations.push({ kind: "alias", name: nameOf(node), type: describe(node.type), doc: docOf(node) });
    } else if (ts.isModuleDeclaration(node) && node.body && ts.isModuleBlock(node.body) && isExported(node, inNamespace)) {
      visit(node.body.statements, [...path, nameOf(node)], true);
    } else if (ts.isVariableStatement(node) && isExported(node, inNamespace)) {
      for (const variable of node.declarationList.declarations) {
        const type = variable.type;
        if (type && ts.isFunctionTypeNode(type)) {
          declarations.push({ kind: "function", path: [...path, nameOf(variable)], name: nameOf(variable), doc: docOf(node), ...signature(type) });
        } else {
          skipped.push({ name: [...path, nameOf(variable)].join("."), reason: "constants are not functions; read them with JSObject" });
        }
      }
    } else if (ts.isClassDeclaration(node) && isExported(node, inNamespace)) {
      skipped.push({ name: [...path, nameOf(node)].join("."), reason: "classes are not mapped; use JSObject" });
    }
  }
}

visit(source.statements, [], false);
process.stdout.write(JSON.stringify({ declarations, skipped }));
