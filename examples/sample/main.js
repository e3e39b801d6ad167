// Boots Python and runs sample.program:main, which starts the component app (the port of
// Blazor's Program.cs and its RunAsync).
import { python } from "./_framework/jsinterop.mjs";

const { runMain } = await python.withApplicationArgumentsFromQuery().create();
await runMain();
