"""Business flows between BigCommerce and Odoo: one package per flow.

Each flow package has the same shape: ``payload`` (one BigCommerce body parsed
once into frozen dataclasses), ``mapping`` (pure decisions, no Odoo), then the
modules that read and write the ORM in batches. ``core`` is shared by all.
"""
