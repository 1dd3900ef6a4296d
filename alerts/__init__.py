"""Alert subscriptions: saved searches, watched documents and provisions, jurisdictions and topics — matched
against the store's change log and delivered, exactly once, by e-mail, signed webhook, Atom feed or Telegram.

- :mod:`alerts.match` — new changes -> the subscriptions they concern (``AlertMatch``), with what each alert says
  (the compare engine names the provisions a new version changed, in English and Russian);
- :mod:`alerts.deliver` — the outbox: due matches -> one message per subscriber and channel (digests grouped by
  subscription and document, capped with an "N more" line), sent with retries and backoff;
- :mod:`alerts.content` — the words and the JSON of a message; :mod:`alerts.feed` — Atom;
- :mod:`alerts.manage` — add, list, remove, confirm, test; :mod:`alerts.targets` — which targets are allowed;
- :mod:`alerts.settings` — SMTP, webhook secret, Telegram bot, links, retries.

Floor: beside ``ui/`` — it reads the store, the search index and the compare engine, and writes only its own
tables. The stages are run by ``ailaw.jobs.match_alerts()`` and ``ailaw.jobs.send_alerts()``.
"""
