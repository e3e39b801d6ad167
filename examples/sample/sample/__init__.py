"""sample: the seed article's BlazorSample, page by page, as Python components."""
