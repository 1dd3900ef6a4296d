"""Labels of the Subscriptions page and of the "alert me" links, in English and Russian (merged into
``ui.i18n.LABELS``)."""

from __future__ import annotations

ALERT_LABELS: dict[str, dict[str, str]] = {
    "page_subscriptions": {"en": "Subscriptions", "ru": "Подписки"},
    "alert_me": {"en": "Alert me", "ru": "Подписаться на уведомления"},
    "alert_me_document": {"en": "Alert me about this document", "ru": "Уведомлять об этом документе"},
    "alert_me_provision": {"en": "Alert me when this provision changes", "ru": "Уведомлять об изменениях положения"},
    "sub_intro": {
        "en": "Alerts say what changed, provision by provision, in your language: by e-mail (a confirmation link "
        "comes first), signed webhook, Atom feed or Telegram — immediately or as a daily or weekly digest.",
        "ru": "Уведомления сообщают, что изменилось, по каждому положению, на вашем языке: по почте (сначала придёт "
        "ссылка для подтверждения), подписанным вебхуком, лентой Atom или в Telegram — сразу или сводкой раз в "
        "день или в неделю.",
    },
    "sub_address": {"en": "Your e-mail address", "ru": "Ваш адрес электронной почты"},
    "sub_address_help": {
        "en": "Subscriptions belong to an address; enter yours to see them and your past alerts.",
        "ru": "Подписки привязаны к адресу; введите свой, чтобы увидеть их и прошлые уведомления.",
    },
    "sub_new": {"en": "New subscription", "ru": "Новая подписка"},
    "sub_kind": {"en": "What to follow", "ru": "Что отслеживать"},
    "sub_kind_search": {"en": "a saved search", "ru": "сохранённый поиск"},
    "sub_kind_document": {"en": "a document", "ru": "документ"},
    "sub_kind_provision": {"en": "a provision of a document", "ru": "положение документа"},
    "sub_kind_topic": {"en": "a jurisdiction or topic", "ru": "юрисдикция или тема"},
    "sub_query": {"en": "Query (search) or keywords (topic)", "ru": "Запрос (поиск) или ключевые слова (тема)"},
    "sub_exact": {"en": "Exact words (no concept expansion)", "ru": "Точные слова (без понятий тезауруса)"},
    "sub_exact_badge": {"en": "exact words", "ru": "точные слова"},
    "sub_topic": {"en": "Topic: a concept of the thesaurus", "ru": "Тема: понятие тезауруса"},
    "sub_topic_help": {
        "en": "Any label of a concept in any language («система ИИ высокого риска», “deepfake”): alerts come for the "
        "documents that say any of its labels, and say which one.",
        "ru": "Любое название понятия на любом языке («система ИИ высокого риска», “deepfake”): уведомления придут о "
        "документах, где есть любое из его названий, с указанием, какое именно.",
    },
    "alert_me_topic": {"en": "Watch the topic “{concept}”", "ru": "Следить за темой «{concept}»"},
    "sub_document": {"en": "Document id", "ru": "Идентификатор документа"},
    "sub_provision": {
        "en": "Provision (e.g. Article 50, Статья 6)",
        "ru": "Положение (например, Article 50, Статья 6)",
    },
    "sub_channel": {"en": "Channel", "ru": "Канал"},
    "sub_channel_email": {"en": "e-mail", "ru": "эл. почта"},
    "sub_channel_webhook": {"en": "webhook", "ru": "вебхук"},
    "sub_channel_feed": {"en": "Atom feed", "ru": "лента Atom"},
    "sub_channel_telegram": {"en": "Telegram", "ru": "Telegram"},
    "sub_target": {
        "en": "Send to (e-mail: your address; webhook: URL; Telegram: chat id)",
        "ru": "Куда отправлять (почта: ваш адрес; вебхук: URL; Telegram: id чата)",
    },
    "sub_frequency": {"en": "Frequency", "ru": "Периодичность"},
    "freq_immediate": {"en": "immediately", "ru": "сразу"},
    "freq_daily": {"en": "daily digest", "ru": "ежедневная сводка"},
    "freq_weekly": {"en": "weekly digest", "ru": "еженедельная сводка"},
    "sub_quiet": {"en": "Quiet hours (e.g. 22:00-07:00)", "ru": "Тихие часы (например, 22:00-07:00)"},
    "sub_cap": {"en": "Entries per alert before “N more”", "ru": "Записей в уведомлении до строки «ещё N»"},
    "sub_alert_language": {"en": "Language of the alerts", "ru": "Язык уведомлений"},
    "sub_add": {"en": "Subscribe", "ru": "Подписаться"},
    "sub_added": {"en": "Subscribed: {name}", "ru": "Подписка оформлена: {name}"},
    "sub_confirm_sent": {
        "en": "A confirmation link is on its way to {address}; nothing else is sent before you open it.",
        "ru": "На {address} отправляется ссылка для подтверждения; до перехода по ней ничего другого не придёт.",
    },
    "sub_confirmed": {"en": "{address} is confirmed: its alerts will be sent.", "ru": "Адрес {address} подтверждён."},
    "sub_yours": {"en": "Your subscriptions", "ru": "Ваши подписки"},
    "sub_none": {"en": "No subscriptions for this address yet.", "ru": "Для этого адреса подписок пока нет."},
    "sub_waiting": {"en": "{n} alert(s) waiting", "ru": "ожидает уведомлений: {n}"},
    "sub_unconfirmed": {"en": "not confirmed yet", "ru": "адрес ещё не подтверждён"},
    "sub_remove": {"en": "Remove", "ru": "Удалить"},
    "sub_removed": {"en": "Removed: {name}", "ru": "Удалено: {name}"},
    "sub_feed": {"en": "Download the Atom feed", "ru": "Скачать ленту Atom"},
    "sub_inbox": {"en": "Inbox: past alerts", "ru": "Входящие: прошлые уведомления"},
    "sub_inbox_empty": {"en": "Nothing sent to this address yet.", "ru": "На этот адрес ещё ничего не отправлено."},
    "sub_status_sent": {"en": "sent", "ru": "отправлено"},
    "sub_status_pending": {"en": "waiting to be sent", "ru": "ожидает отправки"},
    "sub_status_failed": {"en": "failed", "ru": "не доставлено"},
    "sub_enter_address": {
        "en": "Enter your e-mail address to subscribe and to see your subscriptions.",
        "ru": "Введите адрес электронной почты, чтобы подписаться и увидеть свои подписки.",
    },
}
