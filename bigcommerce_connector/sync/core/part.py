"""The base of every piece of a flow's run: the store, its environment, the run."""


class RunPart:
    """Part of one run of a flow for one store (a downloader, a resolver...).

    :param store: ``bigcommerce.store``
    :param run: the open :class:`~.run.SyncRun`, with its client
    """

    def __init__(self, store, run):
        self.store = store
        self.env = store.env
        self.run = run

    def tell(self, record, reference, message):
        """Tell a person: a note on ``record`` and a warning in the run log."""
        record.message_post(body=message)
        self.run.warning(reference, message)
