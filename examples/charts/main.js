// Boots Python and runs charts.program:main, which starts the component app.
import { python } from "./_framework/jsinterop.mjs";

const { runMain } = await python.withApplicationArgumentsFromQuery().create();
await runMain();
