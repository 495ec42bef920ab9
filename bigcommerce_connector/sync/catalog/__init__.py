"""Catalog: products and variants down, listings and prices up."""
