"""Company contacts of BigCommerce addresses that name a company.

Odoo's B2B shape: the company is a contact of its own (``is_company``), the
person a contact under it, and invoices go to the commercial partner, the
company. A company is found by name (any case) among the store company's
contacts and shared ones before one is created, so each company exists once.
"""

from .mapping import fold


class CompanyBook:
    """Finds or creates company contacts for a :class:`CustomerResolver`.

    :param resolver: the resolver whose partners and roll-back check are used
    """

    def __init__(self, resolver):
        self.resolver = resolver
        self.env = resolver.env
        self.Partner = resolver.Partner
        self._found = {}  # folded name -> company contact

    def company(self, name, values):
        """The company contact named ``name``, created if there is none.

        :param values: the new company's values (address, store defaults);
            an existing company is never rewritten
        """
        folded = fold(name)
        known = self.resolver.unless_rolled_back(self._found.get(folded))
        if not known:
            known = self._search(name) or self._create(name, values)
            self._found[folded] = known
        return known

    def invoice_parent(self, customer, address):
        """The contact an order's invoice address belongs under.

        The customer, unless the billing address names a company the
        customer is not part of: then that company, so that the invoice goes
        to it.

        :param address: the order's normalised billing address
        """
        company = address.company
        if not company:
            return customer
        if fold(company) in (
            fold(customer.commercial_company_name),
            fold(customer.name),
        ):
            return customer
        return self.company(company, self.resolver.company_values(address))

    def _search(self, name):
        """An existing company of that name in the store's company, or shared."""
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self.Partner.search(
            [
                ("is_company", "=", True),
                ("name", "=ilike", escaped),
                ("company_id", "in", [False, self.resolver.store.company_id.id]),
            ],
            order="id",
            limit=1,
        )

    def _create(self, name, values):
        company = self.Partner.create(
            dict(values, name=name, is_company=True, customer_rank=1)
        )
        self.resolver.remember_created(company)
        self.resolver.addresses.add_new(company)
        return company
