// The JS half of a @js_import stub: look the JS function up once and compile the call for its
// signature (signature.mjs): one converter per parameter and for the result, and a caller
// specialised for the arity.

import { RESULT_BY_REFERENCE, holdsJsObjects } from "./byreference.mjs";
import { INTO_JS, compileSignature, stubSignature } from "./signature.mjs";

// `modules` (modules.mjs) finds `functionName` in module `moduleName` or in globalThis.
export function bindImport(boundary, modules, specJson, functionName, moduleName) {
  const spec = JSON.parse(specJson);
  const { fn: found, owner } = modules.lookup(functionName, moduleName);
  // A page function's stand-in in the worker host: a JSObject result is the page's object.
  const fn = (holdsJsObjects(spec.returns) && byReferenceVariant(found)) || found;
  const where = `${spec.name}()`;
  const make = compileSignature(stubSignature(spec), INTO_JS, {
    boundary,
    where,
    resultWhere: `${where}: the value returned by JS '${functionName}'`,
    discardWhere: `${where} (JS '${functionName}')`,
  });
  return make(fn, owner);
}

// Read guarded: a JS function that is a Proxy may throw from its trap; then it is no stand-in.
function byReferenceVariant(fn) {
  try {
    return typeof fn === "function" ? fn[RESULT_BY_REFERENCE] : undefined;
  } catch {
    return undefined;
  }
}
