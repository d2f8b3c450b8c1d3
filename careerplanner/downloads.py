"""JSON files to download (a plan's export, all of a person's data), safe to open anywhere.

What a person typed can hold HTML: it is escaped as \\u003c, as Django's json_script does,
so that the file is safe even if pasted into a <script> element."""

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class _Encoder(DjangoJSONEncoder):
    """Hours as numbers (2.5), not the strings DjangoJSONEncoder makes of decimals."""

    def default(self, o):
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def json_text(data) -> str:
    return json.dumps(data, cls=_Encoder, indent=2, ensure_ascii=False).translate(JSON_ESCAPES)


def json_response(data, filename: str) -> HttpResponse:
    response = HttpResponse(json_text(data), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
