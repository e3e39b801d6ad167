"""Runs async tests inside Pyodide by blocking on them with JSPI (pyodide.ffi.run_sync).

The suite runs in Node (tests/interop/run.mjs) and in headless Chromium
(tests/browser/test_interop_chromium.py); outside Node the tests in ``NODE_ONLY`` are skipped.
In Chromium it runs a third time with Python in the worker host's worker and the tests' JS
modules on the page; there the tests in ``WORKER_HOST_LIMITS`` are skipped, each with the
limit of the worker host it runs into (docs/worker.md).
"""

from __future__ import annotations

import inspect

import pytest
from pyodide.ffi import run_sync

from jsinterop import JSHost, is_browser, is_node

# Tests that need Node, as "file::name": reason. Everywhere else they are skipped with it.
NODE_ONLY = {
    "test_arrays.py::test_node_buffer_arrives_as_bytes": "Buffer is Node's",
    "test_leaks.py::test_a_million_mixed_calls_leak_nothing": (
        "measures the JS heap with Node's process.memoryUsage() (and a million calls take ~50 s)"
    ),
    "test_modules.py::test_set_module_imports_from_js": (
        "the import it registers reads process.version"
    ),
    "test_modules.py::test_environment": "asserts is_node()",
    "test_buffers.py::test_a_node_buffer_is_bytes": "Buffer is Node's",
    # Browsers import ES modules only; these packages are CommonJS.
    "test_bound_packages.py::test_ms_export_equals_overloads": "ms is a CommonJS package",
    "test_bound_packages.py::test_slugify_export_equals_with_options_and_namespace": (
        "slugify is a CommonJS package"
    ),
    "test_bound_packages.py::test_dayjs_function_and_class_methods": (
        "dayjs is a CommonJS package"
    ),
}


# The worker host's limits (docs/worker.md), and the tests that run into them.
SYNC = (
    "JS on the page calls a Python export or callable and uses its result at once; "
    "in the worker host it gets a Promise"
)
MEMORY = "a MemoryView is the worker's memory, which the page cannot read"
OBJECTS = (
    "a page object is an opaque stand-in in the worker: its properties are not readable "
    "from Python, and a Python callable on the page returns a Promise"
)
RELOAD = "hot reload replaces modules in the worker; page modules are registered once"
COUNTS = "the page's stand-ins are released by messages, not counted by debug.live_proxies"
WORKER_HOST_LIMITS = {
    "test_arrays.py::test_exports_take_and_give_typed_arrays": SYNC,
    "test_arrays.py::test_wrong_js_arguments": SYNC,
    "test_arrays.py::test_wrong_js_values": SYNC,
    "test_awaitables.py::test_export_taking_and_returning_promises": SYNC,
    "test_bigints.py::test_export_round_trips_in_js": SYNC,
    "test_bigints.py::test_wrong_js_values_for_exports": SYNC,
    "test_bound_packages.py::test_change_case_options_typed_dict_with_a_python_callback": SYNC,
    "test_bound_packages.py::test_marked_class_constructor_and_methods": OBJECTS,
    "test_buffers.py::test_export_round_trips_in_js": SYNC,
    "test_choices.py::test_wrong_values_for_exports": SYNC,
    "test_dates.py::test_export_round_trips_in_js": SYNC,
    "test_dates.py::test_wrong_js_arguments_for_exports": SYNC,
    "test_dates.py::test_wrong_js_values": SYNC,
    "test_sequences.py::test_wrong_js_arguments_and_python_returns_are_named": SYNC,
    "test_structs.py::test_wrong_js_arguments_name_the_field": SYNC,
    "test_unions.py::test_wrong_js_arguments_list_the_members": SYNC,
    # nanoid loops until the callback's bytes arrive: on the page, forever.
    "test_bound_packages.py::test_nanoid_calls_a_python_callback_that_returns_bytes": SYNC,
    "test_buffers.py::test_wrong_js_arguments_for_exports": SYNC,
    "test_callbacks.py::test_a_callback_return_checked_in_python_fails_as_a_js_type_error": SYNC,
    "test_callbacks.py::test_add_and_remove_event_listener": SYNC,
    "test_callbacks.py::test_callable_round_trips": SYNC,
    "test_callbacks.py::test_callback_stays_alive_while_js_holds_it": SYNC,
    "test_callbacks.py::test_exception_in_a_python_callback_reaches_the_js_caller": SYNC,
    "test_callbacks.py::test_exception_in_a_python_callback_through_js_to_python": SYNC,
    "test_callbacks.py::test_exception_in_an_async_python_callback": SYNC,
    "test_callbacks.py::test_exports_reject_wrong_values": SYNC,
    "test_callbacks.py::test_exports_take_and_return_callables": SYNC,
    "test_callbacks.py::test_extra_arguments_from_js_are_ignored": SYNC,
    "test_callbacks.py::test_js_calls_a_callback_with_wrong_arguments": SYNC,
    "test_callbacks.py::test_nested_callables": SYNC,
    "test_callbacks.py::test_python_callable_called_from_js": SYNC,
    "test_callbacks.py::test_release": SYNC,
    "test_choices.py::test_exports_round_trip_in_js": SYNC,
    "test_exceptions.py::test_exception_caught_in_js_comes_back_as_itself": SYNC,
    "test_exceptions.py::test_exception_escaping_an_export_is_a_js_error": SYNC,
    "test_exceptions.py::test_js_error_through_an_export_is_the_same_object": SYNC,
    "test_exceptions.py::test_js_errors_round_trip_through_an_export": SYNC,
    "test_exceptions.py::test_python_exception_is_a_js_error_in_js": SYNC,
    "test_exceptions.py::test_raised_python_exception_keeps_its_traceback_in_the_stack": SYNC,
    "test_exceptions.py::test_wrong_js_argument": SYNC,
    "test_exports.py::test_python_exception_becomes_js_error_with_type_and_traceback": SYNC,
    "test_maps.py::test_exports_refuse_a_plain_object": SYNC,
    "test_maps.py::test_exports_take_and_give_maps": SYNC,
    "test_sequences.py::test_dicts_cross_packed_or_as_maps": SYNC,
    "test_sequences.py::test_export_dict_round_trips": SYNC,
    "test_sequences.py::test_export_float_list_round_trips": SYNC,
    "test_sequences.py::test_export_int_list_round_trips": SYNC,
    "test_sequences.py::test_export_matrix_round_trips": SYNC,
    "test_sequences.py::test_export_pair_round_trips": SYNC,
    "test_sequences.py::test_export_tuple_round_trips": SYNC,
    "test_sequences.py::test_exports_accept_typed_arrays_for_numbers": SYNC,
    "test_sets.py::test_exports_refuse_what_is_not_a_set": SYNC,
    "test_sets.py::test_exports_take_and_give_sets": SYNC,
    "test_structs.py::test_export_dataclass_round_trips": SYNC,
    "test_structs.py::test_export_defaults_fill_missing_fields": SYNC,
    "test_structs.py::test_export_typeddict_round_trips": SYNC,
    "test_unions.py::test_a_callable_member_crosses_as_a_function_both_ways": SYNC,
    "test_unions.py::test_export_date_or_list_round_trips": SYNC,
    "test_unions.py::test_export_float_or_str_round_trips": SYNC,
    "test_unions.py::test_export_int_or_str_round_trips": SYNC,
    "test_uuids.py::test_exports_take_and_give_uuids": SYNC,
    # The page's half of the recursion gets a Promise from the export, not its result.
    "test_recursion.py::test_overflows_are_recursion_errors_and_leave_the_depth": SYNC,
    "test_recursion.py::test_an_overflow_is_a_range_error_in_js": SYNC,
    "test_debug.py::test_callbacks_held_by_js_are_counted_until_js_drops_them": COUNTS,
    "test_debug.py::test_python_exceptions_held_by_js_are_counted_until_js_drops_them": COUNTS,
    "test_dynamic.py::test_callables_and_js_objects_keep_identity": OBJECTS,
    "test_dynamic.py::test_js_values_round_trip_through_python": OBJECTS,
    "test_dynamic.py::test_python_values_arrive_by_their_type": OBJECTS,
    "test_exports.py::test_jsobject_parameters_and_returns_keep_identity": OBJECTS,
    "test_hostile.py::test_a_hostile_throw_from_a_js_callable_or_object": OBJECTS,
    "test_hostile.py::test_a_hostile_object_describes_itself_safely": OBJECTS,
    "test_objects.py::test_objects_keep_identity_both_ways": OBJECTS,
    "test_objects.py::test_set_contains_type_of_and_call": OBJECTS,
    "test_sequences.py::test_jsobject_items_keep_identity": OBJECTS,
    "test_sequences.py::test_proto_key_is_an_ordinary_key": OBJECTS,
    "test_hot_reload.py::test_a_js_module_is_imported_again_and_stubs_bind_to_it": RELOAD,
    "test_hot_reload.py::test_a_patch_imports_again_and_the_exports_follow": RELOAD,
    "test_hot_reload.py::test_a_syntax_error_keeps_the_last_version": RELOAD,
    "test_memoryviews.py::test_a_view_describes_the_python_buffer": MEMORY,
    "test_memoryviews.py::test_a_view_of_immutable_bytes_is_read_only": MEMORY,
    "test_memoryviews.py::test_an_export_gets_the_python_object_behind_a_memory_view": MEMORY,
    "test_memoryviews.py::test_any_use_after_the_call_throws": MEMORY,
    "test_memoryviews.py::test_creation_and_call_cost_is_flat_in_size": MEMORY,
    "test_memoryviews.py::test_js_reads_python_memory": MEMORY,
    "test_memoryviews.py::test_js_reads_typed_items": MEMORY,
    "test_memoryviews.py::test_js_writes_python_memory_without_a_copy": MEMORY,
    "test_memoryviews.py::test_memory_growth_during_the_call_is_survived": MEMORY,
}


# Files whose tests JS drives synchronously through exports and callbacks (hostile values,
# deep recursion, -0 round trips): in the worker host each export is a Promise on the page.
# They run in Node (two Nodes, booted and from a snapshot) and in Chromium's main thread.
WORKER_HOST_LIMITED_FILES = {
    "test_hostile.py": SYNC,
    "test_recursion.py": SYNC,
    "test_negative_zero.py": SYNC,
}


def in_worker_host() -> bool:
    """Whether Python runs in the worker host's worker (a browser with no ``document``)."""
    return is_browser() and JSHost.global_this.type_of("document") == "undefined"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if is_node():
        return
    worker = in_worker_host()
    for item in items:
        key = f"{item.path.name}::{item.originalname}"
        reason = NODE_ONLY.get(f"{item.path.name}::{item.name}")
        if reason is not None:
            item.add_marker(pytest.mark.skip(reason=f"Node only: {reason}"))
        elif worker and key in WORKER_HOST_LIMITS:
            item.add_marker(pytest.mark.skip(reason=f"worker host: {WORKER_HOST_LIMITS[key]}"))
        elif worker and item.path.name in WORKER_HOST_LIMITED_FILES:
            limit = WORKER_HOST_LIMITED_FILES[item.path.name]
            item.add_marker(pytest.mark.skip(reason=f"worker host: {limit}"))


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    run_sync(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def import_js(name: str, file: str):
    """Import the JS module beside the tests, registered as ``name``."""
    return run_sync(JSHost.import_async(name, f"./tests/interop/{file}"))


def import_js_url(name: str, url: str):
    """Import the ES module at ``url`` (relative to the repository root) as ``name``."""
    return run_sync(JSHost.import_async(name, url))
