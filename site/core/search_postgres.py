"""PostgreSQL search with each language's stemming (see core/search_backend.py)."""

import copy
from collections import defaultdict

from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend


class LanguageIndex(PostgresIndex):
    """Indexes each object with the text search configuration of its language."""

    def add_items(self, model, objs):
        by_config = defaultdict(list)
        for obj in objs:
            by_config[self.backend.config_for(obj)].append(obj)
        for config, group in by_config.items():
            index = copy.copy(self)
            index.backend = self.backend.with_config(config)
            PostgresIndex.add_items(index, model, group)


class LanguagePostgresSearchBackend(PostgresSearchBackend):
    index_class = LanguageIndex

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS", {}))

    def with_config(self, config):
        """A copy of this backend that indexes and searches with `config`."""
        clone = copy.copy(self)
        clone.config = config
        return clone

    def for_language(self, language_code):
        """This backend searching with the configuration of `language_code` (its stemming)."""
        return self.with_config(self.language_configs.get(language_code, self.config))

    def config_for(self, obj):
        """The configuration `obj` is indexed with: its locale's language's, else SEARCH_CONFIG."""
        locale = getattr(obj, "locale", None)
        if locale is None:
            return self.config
        return self.language_configs.get(locale.language_code, self.config)
