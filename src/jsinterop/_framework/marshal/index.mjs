// Fills the marshallers' registry (registry.mjs): one line per type family, each with the
// spec kinds it handles. Imported once, by the composition root (bridge.mjs).

import { register } from "./registry.mjs";
import * as arrays from "./arrays.mjs";
import * as awaitables from "./awaitables.mjs";
import * as bigints from "./bigints.mjs";
import * as buffers from "./buffers.mjs";
import * as callables from "./callables.mjs";
import * as choices from "./choices.mjs";
import * as dates from "./dates.mjs";
import * as exceptions from "./exceptions.mjs";
import * as mappings from "./mappings.mjs";
import * as maps from "./maps.mjs";
import * as memoryviews from "./memoryviews.mjs";
import * as objects from "./objects.mjs";
import * as primitives from "./primitives.mjs";
import * as sequences from "./sequences.mjs";
import * as sets from "./sets.mjs";
import * as structs from "./structs.mjs";
import * as unions from "./unions.mjs";
import * as uuids from "./uuids.mjs";

register(["bool", "int", "float", "str"], primitives);
register(["jsobject"], objects);
register(["bigint"], bigints);
register(["datetime"], dates);
register(["bytes", "bytearray"], buffers);
register(["choice"], choices);
register(["list", "tuple", "fixed_tuple"], sequences);
register(["dict"], mappings);
register(["map"], maps);
register(["set", "frozenset"], sets);
register(["struct"], structs);
register(["union"], unions);
register(["array"], arrays);
register(["memoryview"], memoryviews);
register(["exception"], exceptions);
register(["callable", "any"], callables);
register(["awaitable"], awaitables);
register(["uuid"], uuids);
