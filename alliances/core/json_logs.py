"""One JSON object per log line, for a log collector: time, level, logger, request id, message.

The message is the code's own sentence; the code logs ids and counts, never a name, an address, an
amount tied to a person or a query string (tests/core/test_json_logs.py reads the logs of a cycle of
pages for the demo's names). An exception keeps its type and traceback, whose frames hold code only."""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
