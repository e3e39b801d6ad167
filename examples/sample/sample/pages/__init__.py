"""The app's pages (BlazorSample's Pages folder); each has its @page route."""
