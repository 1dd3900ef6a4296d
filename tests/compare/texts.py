"""Small versions for the compare tests: plain objects shaped like ``VersionRead`` (text, provisions, label…)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

from texts.split import split_provisions

OLD_ACT = """Whereas:
(1) The purpose of this Regulation is to improve the functioning of the internal market.
(2) Artificial intelligence can contribute to a wide array of economic and societal benefits.
HAVE ADOPTED THIS REGULATION:
Article 1
Subject matter
1. This Regulation lays down harmonised rules for the placing on the market of AI systems.
2. It applies to providers and users of AI systems located within the Union.
Article 2
Prohibited practices
1. The following artificial intelligence practices shall be prohibited: the placing on the market of an AI system that deploys subliminal techniques beyond a person's consciousness in order to materially distort a person's behaviour.
2. The use of real-time remote biometric identification systems in publicly accessible spaces for the purpose of law enforcement shall be prohibited.
Article 3
Penalties
1. Member States shall lay down the rules on penalties applicable to infringements of this Regulation and shall take all measures necessary to ensure that they are properly and effectively implemented.
Article 4
Committee procedure
1. The Commission shall be assisted by a committee. That committee shall be a committee within the meaning of Regulation (EU) No 182/2011.
"""

NEW_ACT = """Whereas:
(1) The purpose of this Regulation is to improve the functioning of the internal market.
(2) Artificial intelligence can contribute to a wide array of economic, environmental and societal benefits.
HAVE ADOPTED THIS REGULATION:
Article 1
Subject matter
1. This Regulation lays down harmonised rules for the placing on the market of AI systems.
2. It applies to providers and deployers of AI systems located within the Union.
Article 2
AI literacy
1. Providers and deployers of AI systems shall take measures to ensure a sufficient level of AI literacy of their staff.
Article 3
Prohibited practices
1. The following artificial intelligence practices shall be prohibited: the placing on the market of an AI system that deploys subliminal techniques beyond a person's consciousness in order to materially distort a person's behaviour.
2. The use of real-time remote biometric identification systems in publicly accessible spaces for the purpose of law enforcement shall be prohibited.
Article 4
Committee procedure
1. The Commission shall be assisted by a committee. That committee shall be a committee within the meaning of Regulation (EU) No 182/2011.
"""

RU_OLD = """Статья 5. Основные понятия
1. Для целей настоящего Федерального закона используются следующие понятия.
2. Оператор обязан обеспечить безопасность обработки данных.
Статья 6. Права субъекта
1. Субъект вправе требовать уточнения своих данных.
2. Субъект вправе обжаловать действия оператора в суд.
"""

RU_NEW = """Статья 5. Основные понятия
1. Для целей настоящего Федерального закона используются следующие понятия.
2. Оператор обязан обеспечить безопасность обработки данных.
Статья 6. Права субъекта
1. Субъект вправе требовать уточнения своих данных.
2. Субъект вправе обжаловать действия или бездействие оператора в уполномоченный орган или в суд.
Статья 6.1. Искусственный интеллект
1. Решения, принятые на основании исключительно автоматизированной обработки, подлежат пересмотру человеком.
"""


def version(text: str, *, vid: int = 1, label: str = "v", date: dt.date | None = None, kind: str = "draft",
            language: str = "en", document_id: str = "eu/test/1", provisions: bool = True) -> SimpleNamespace:  # fmt: skip
    return SimpleNamespace(
        id=vid, document_id=document_id, label=label, kind=kind, date=date, language=language, text=text,
        provisions=[dataclasses.asdict(p) for p in split_provisions(text, language=language)] if provisions else [],
    )  # fmt: skip
