// The JS half of a @js_import stub: look the JS function up once and compile the call for its
// signature (signature.mjs): one converter per parameter and for the result, and a caller
// specialised for the arity.

import { INTO_JS, compileSignature, stubSignature } from "./signature.mjs";

// `modules` (modules.mjs) finds `functionName` in module `moduleName` or in globalThis.
export function bindImport(boundary, modules, specJson, functionName, moduleName) {
  const spec = JSON.parse(specJson);
  const { fn, owner } = modules.lookup(functionName, moduleName);
  const where = `${spec.name}()`;
  const make = compileSignature(stubSignature(spec), INTO_JS, {
    boundary,
    where,
    resultWhere: `${where}: the value returned by JS '${functionName}'`,
    discardWhere: `${where} (JS '${functionName}')`,
  });
  return make(fn, owner);
}
