// Imported again by test_hot_reload.py: each evaluation gets its own number.
globalThis.hotReloadEvaluations = (globalThis.hotReloadEvaluations ?? 0) + 1;
const evaluation = globalThis.hotReloadEvaluations;

export function whichEvaluation() {
  return evaluation;
}
