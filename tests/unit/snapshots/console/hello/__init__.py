"""hello: a Python console app that runs on Node.js, made with jsinterop."""
