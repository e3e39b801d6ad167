"""The app's pages; each has its @page route."""
