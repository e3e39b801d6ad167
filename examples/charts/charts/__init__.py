"""charts: a Python component app for the browser, made with jsinterop."""
