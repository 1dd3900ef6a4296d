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
    "sub_since": {"en": "since", "ru": "с"},
    "sub_until": {"en": "until", "ru": "по"},
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
    "sub_topic_placeholder": {"en": "high-risk AI system", "ru": "система ИИ высокого риска"},
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
    "sub_channel_unready": {
        "en": "Nothing can be sent through this channel yet: {reason}",
        "ru": "Через этот канал пока ничего не отправить: {reason}",
    },
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

#: The errors of alert management (``code`` of ``store.errors.AilawError`` raised in ``alerts/``) in Russian. The
#: ``{…}`` are the error's ``params``: a user's or a source's text, escaped before the page shows them. An error
#: without a code, or with a code not here, is shown as its English sentence.
ALERT_ERRORS_RU: dict[str, str] = {
    # what a subscriber typed (alerts.manage.add, alerts.targets)
    "unknown_kind": "Вида подписки {value} нет; используйте один из: {known}.",
    "unknown_channel": "Канала {value} нет; используйте один из: {known}.",
    "unknown_frequency": "Периодичности {value} нет; используйте одну из: {known}.",
    "unknown_trigger": "Повода для уведомления {value} нет; используйте один из: {known}.",
    "timezone": "«{value}» — не часовой пояс; укажите название, например Europe/Moscow или UTC.",
    "alert_language": "Уведомления пишутся на английском (en) или русском (ru), а не на «{value}».",
    "email_invalid": "«{address}» — не адрес электронной почты.",
    "email_not_own": "Подписка по почте присылает уведомления на адрес подписчика; оформите её на этот адрес.",
    "webhook_not_http": "«{url}» — не адрес http(s).",
    "webhook_credentials": "Адрес вебхука не должен содержать имя пользователя или пароль: запрос и так подписывается.",
    "webhook_unresolved": "Имя сервера вебхука {host} не найдено в DNS ({reason}).",
    "webhook_private": "Сервер вебхука {host} — {why} адрес ({ip}); ailaw не отправляет вебхуки во внутренние сети "
    "(на тестовом стенде это разрешает AILAW_ALERTS_ALLOW_PRIVATE_TARGETS=true).",
    "telegram_invalid": "«{chat}» — не id чата Telegram и не имя канала вида @channel.",
    "needs_target": "Для подписки через канал «{channel}» нужно указать, куда отправлять.",
    "needs_subscriber": "Укажите подписчика: адрес электронной почты или имя для ленты.",
    "needs_query": "Для сохранённого поиска нужен запрос.",
    "concept_not_topic": "За понятием тезауруса следит подписка на тему: выберите «юрисдикция или тема».",
    "no_concept": "«{label}» не называет ни одного понятия тезауруса; проверьте написание или выберите другое название.",
    "topic_needs_what": "Для подписки на тему нужны понятие, юрисдикция, штат или ключевые слова.",
    "no_document": "Документа с идентификатором «{id}» нет; идентификаторы находит поиск.",
    "no_version": "У документа {id} нет сохранённой редакции, в которой можно следить за положением.",
    "no_provision": "В последней редакции документа {id} нет положения «{provision}» (попробуйте ключ вида art_50).",
    "quiet_time": "«{value}» — не время суток (пишите ЧЧ:ММ, например 22:00).",
    "quiet_range": "Тихие часы задаются диапазоном, например 22:00-07:00.",
    "duplicate": "У адреса {address} уже есть такая подписка ({id}: {name}).",
    "confirm_invalid": "Ссылка для подтверждения недействительна (или уже использована).",
    "no_subscription": "Подписки {id} нет.",
    "not_yours": "Подписка {id} принадлежит не адресу {subscriber}.",
    "not_confirmed": "Адрес {address} ещё не подтверждён; до подтверждения на него ничего не отправляется.",
    # what the operator has not configured, and sends that failed (alerts.deliver)
    "smtp_missing": "Для уведомлений по почте нужен SMTP-сервер: оператор должен задать AILAW_SMTP_HOST и AILAW_SMTP_FROM.",
    "smtp_security": "AILAW_SMTP_SECURITY должен быть starttls, ssl или none, а не «{value}».",
    "webhook_secret_missing": "Вебхуки подписываются: оператор должен задать AILAW_WEBHOOK_SECRET (base64, например "
    "whsec_…).",
    "webhook_secret_invalid": "AILAW_WEBHOOK_SECRET — не корректная строка base64.",
    "telegram_missing": "Для уведомлений в Telegram нужен бот: оператор должен задать AILAW_TELEGRAM_BOT_TOKEN.",
    "operator_missing": "Для уведомлений оператору нужен AILAW_OPERATOR_ALERT_URLS (адреса apprise или e-mail).",
    "unknown_channel_send": "Неизвестный канал {value}.",
    "channel_address": "{what}: адрес канала некорректен.",
    "not_sent": "{what}: не отправлено ({reason}).",
    "webhook_failed": "Вебхук {url}: {error} ({detail}).",
    "webhook_status": "Вебхук {url} ответил HTTP {status}.",
    "feed_gone": "Подписки этой ленты больше нет.",
    "feed_write": "Не удалось записать файл ленты ({reason}).",
    "composed_twice": "Другой запуск `ailaw alerts send` одновременно составил эти уведомления; запустите ещё раз.",
}

#: Why a webhook host is refused (``alerts.targets.refused_address``), in the sentence of ``webhook_private``.
REFUSED_ADDRESS_RU: dict[str, str] = {
    "loopback": "локальный (loopback)",
    "link-local": "канальный (link-local)",
    "private": "частный",
    "multicast": "групповой (multicast)",
    "unspecified": "неопределённый",
    "reserved": "зарезервированный",
}

#: What an apprise send was (``alerts.deliver._SENDS``), in the sentences of ``channel_address`` and ``not_sent``.
SENDS_RU: dict[str, str] = {
    "email": "Письмо на {to}",
    "telegram": "Сообщение в чат Telegram {to}",
    "operator": "Уведомление оператору",
}
