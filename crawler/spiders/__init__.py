"""Spider registry: every AilawSpider subclass in this package, by name."""

from __future__ import annotations

import importlib
import pkgutil

from crawler.spiders.base import AilawSpider


def all_spiders() -> list[type[AilawSpider]]:
    """All registered spiders, sorted by name."""
    found: dict[str, type[AilawSpider]] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, AilawSpider) and obj is not AilawSpider and obj.name:
                found[obj.name] = obj
    return [found[k] for k in sorted(found)]


def get_spider(name: str) -> type[AilawSpider]:
    return spiders_named([name])[0]


def spiders_named(names: list[str]) -> list[type[AilawSpider]]:
    """The spiders of these names, in this order (the registry is read once); KeyError names an unknown one."""
    known = {spider.name: spider for spider in all_spiders()}
    for name in names:
        if name not in known:
            raise KeyError(f"no spider named {name!r} (known: {', '.join(known)})")
    return [known[name] for name in names]


def spider_for_url(url: str) -> tuple[type[AilawSpider], dict[str, str]] | None:
    """The spider that knows this official URL, with the arguments to fetch just that document."""
    for spider in all_spiders():
        kwargs = spider.from_url(url)
        if kwargs is not None:
            return spider, kwargs
    return None
