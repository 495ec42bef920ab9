"""What the three downloads (products, customers, orders) have in common."""

from .part import RunPart
from .run import ResumeCursor


class Importer(RunPart):
    """A download of one store's records within a :class:`~.run.SyncRun`.

    Subclasses name the store field their :class:`~.run.ResumeCursor` moves
    (``cursor_field``) and implement ``import_page``.

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~.run.SyncRun` with its client
    :param commit: commit after each page (scheduled runs only)
    """

    cursor_field = None

    def __init__(self, store, run, commit=False):
        super().__init__(store, run)
        self.commit = commit
        self.cursor = ResumeCursor(store, self.cursor_field)

    def import_page(self, records):
        """Import one page of BigCommerce records, each in its own savepoint."""
        raise NotImplementedError

    def _import_pages(self, pages, noun, move_cursor=True):
        """Import every page; the cursor moves after each page unless told not to.

        :returns: the number of records fetched
        """
        after_page = self.cursor.move if move_cursor else None
        self.run.each_page(pages, self.import_page, noun, after_page, self.commit)
        return self.run.counts["fetched"]
