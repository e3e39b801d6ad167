"""hello: a Python app that runs in the browser, made with jsinterop."""
