// `jsinterop check`'s look at the JS side of an app. It reads the objects registered with
// setModuleImports(name, {...}) in main.mjs / main.js with the TypeScript compiler API (the
// script is parsed, never run), imports the ES modules the app imports by literal URL, and
// looks up every stub's function in one or the other. A function's parameters are read from
// its source, so `(size = 21) => ...` takes 0 to 1 arguments (Function.length says 0).
//
//   node check_probe.mjs REQUEST_JSON
//
// REQUEST_JSON: { appRoot, typescript, scripts: [path], modules: {name: url},
//                 lookups: [{ module, path }] }; prints { registered, errors, results }.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const request = JSON.parse(process.argv[2]);
const ts = (await import(pathToFileURL(request.typescript).href)).default;

// -- the parameters of a function ----------------------------------------------------------

function parameters(node) {
  const params = node.parameters.filter((param) => !(ts.isIdentifier(param.name) && param.name.text === "this"));
  const rest = params.some((param) => param.dotDotDotToken);
  const firstOptional = params.findIndex((param) => param.initializer || param.questionToken || param.dotDotDotToken);
  const required = firstOptional === -1 ? params.length : firstOptional;
  return { required, max: rest ? null : params.length };
}

const isFunctionNode = (node) => node && (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node));

// The parameters of a live function, read from its source text; a native or unreadable one
// gives what Function.length says as the required count and no maximum.
function liveParameters(fn) {
  const text = Function.prototype.toString.call(fn);
  if (/^class\b/.test(text)) return { kind: "class" };
  for (const wrapped of [`(${text})`, `({ ${text} })`]) {
    const source = ts.createSourceFile("function.js", wrapped, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const statement = source.statements[0];
    if (source.parseDiagnostics?.length || !statement || !ts.isExpressionStatement(statement)) continue;
    let node = statement.expression;
    while (ts.isParenthesizedExpression(node)) node = node.expression;
    if (ts.isObjectLiteralExpression(node) && node.properties.length === 1) node = node.properties[0];
    if (isFunctionNode(node)) return { kind: "function", ...parameters(node) };
  }
  return { kind: "function", required: fn.length, max: null };
}

// -- setModuleImports in the app's scripts --------------------------------------------------

function registrations(path) {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const locals = new Map(); // top-level function declarations and const f = () => ...
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) locals.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && declaration.initializer) locals.set(declaration.name.text, declaration.initializer);
      }
    }
  }
  const line = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const describe = (node) => {
    while (node && (ts.isParenthesizedExpression(node) || ts.isAsExpression?.(node))) node = node.expression;
    if (!node) return { kind: "unknown" };
    if (isFunctionNode(node)) return { kind: "function", line: line(node), ...parameters(node) };
    if (ts.isObjectLiteralExpression(node)) return object(node);
    if (ts.isIdentifier(node) && locals.has(node.text) && locals.get(node.text) !== node) return describe(locals.get(node.text));
    if (ts.isStringLiteralLike(node) || ts.isTemplateExpression(node)) return { kind: "value", type: "string" };
    if (ts.isNumericLiteral(node)) return { kind: "value", type: "number" };
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) return { kind: "value", type: "boolean" };
    if (ts.isArrayLiteralExpression(node)) return { kind: "value", type: "array" };
    return { kind: "unknown" };
  };
  const object = (node) => {
    const members = {};
    let open = false; // a spread or computed key: what is missing cannot be told
    for (const property of node.properties) {
      const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
      if (ts.isSpreadAssignment(property) || (property.name && name === undefined)) open = true;
      else if (ts.isPropertyAssignment(property)) members[name] = describe(property.initializer);
      else if (ts.isShorthandPropertyAssignment(property)) members[name] = describe(property.name);
      else if (ts.isMethodDeclaration(property)) members[name] = { kind: "function", line: line(property), ...parameters(property) };
      else if (name !== undefined) members[name] = { kind: "unknown" }; // a getter or setter
    }
    return { kind: "object", members, open };
  };
  const found = [];
  const visit = (node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
      const [moduleName, module] = node.arguments;
      if (name === "setModuleImports" && moduleName && ts.isStringLiteralLike(moduleName) && module) {
        found.push({ name: moduleName.text, file: path, line: line(node), tree: describe(module) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const registered = {};
for (const script of request.scripts) {
  for (const entry of registrations(script)) (registered[entry.name] ??= []).push(entry);
}

// -- imported modules -----------------------------------------------------------------------

const base = pathToFileURL(request.appRoot + "/").href;
const modules = {};
const errors = {};
// A bare specifier resolved from the app folder (import() here resolves from this file).
async function resolveFromApp(specifier) {
  try {
    return import.meta.resolve(specifier, pathToFileURL(request.appRoot + "/package.json").href);
  } catch {
    return pathToFileURL(createRequire(request.appRoot + "/").resolve(specifier)).href;
  }
}

for (const [name, url] of Object.entries(request.modules)) {
  try {
    // A bare specifier ("uplot") is Node's to resolve, from the app folder's node_modules.
    // As modules.mjs reads it: a package name, not a URL and not a module file's path.
    const bare = !/^(\.{1,2}\/|\/|[A-Za-z][A-Za-z0-9+.-]*:)/.test(url) && !/\.[cm]?js$/.test(url);
    modules[name] = await import(bare ? await resolveFromApp(url) : new URL(url, base).href);
  } catch (error) {
    errors[name] = String(error?.message ?? error);
  }
}

// -- lookups --------------------------------------------------------------------------------

const pathParts = (path) => path.replace(/^globalThis\./, "").split(".").filter(Boolean);

function lookupLive(root, parts, isGlobal) {
  let value = root;
  for (const part of parts) {
    value = value?.[part];
    if (value === undefined || value === null) return { status: isGlobal ? "global-missing" : "missing", part };
  }
  if (typeof value !== "function") return { status: "not-function", kind: typeof value };
  const described = liveParameters(value);
  if (described.kind === "class") return { status: "class" };
  return { status: "function", required: described.required, max: described.max };
}

function lookupRegistered(entries, parts) {
  // Registered more than once (say, in main.mjs and main.js): fine if any registration has it.
  let best;
  for (const entry of entries) {
    const result = walk(entry.tree, parts);
    result.where = `${entry.file}:${entry.line}`;
    if (result.status === "function" || result.status === "unknown") return result;
    best ??= result;
  }
  return best;
}

function walk(tree, parts) {
  let node = tree;
  for (const part of parts) {
    if (node.kind === "unknown") return { status: "unknown" };
    if (node.kind !== "object") return { status: "not-function", kind: node.type ?? "object" };
    const next = node.members[part];
    if (next === undefined) return node.open ? { status: "unknown" } : { status: "missing", part };
    node = next;
  }
  if (node.kind === "function") return { status: "function", required: node.required, max: node.max };
  if (node.kind === "unknown") return { status: "unknown" };
  return { status: "not-function", kind: node.kind === "object" ? "object" : node.type };
}

const results = request.lookups.map(({ module, path }) => {
  const parts = pathParts(path);
  if (module === null) return lookupLive(globalThis, parts, true);
  if (errors[module] !== undefined) return { status: "module-failed" };
  if (modules[module] !== undefined) return lookupLive(modules[module], parts, false);
  if (registered[module] !== undefined) return lookupRegistered(registered[module], parts);
  return { status: "not-checked" };
});

const summary = Object.fromEntries(Object.entries(registered).map(([name, entries]) => [name, entries.map((e) => `${e.file}:${e.line}`)]));
process.stdout.write(JSON.stringify({ registered: summary, errors, results }));
