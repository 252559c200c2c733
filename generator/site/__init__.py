"""The site: pages, feeds, export, structured data, charts and what guards the published HTML."""
