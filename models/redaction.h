#pragma once

// The one redaction used by logs, exports, clipboard copies and the audit
// log: card-number-like digit runs (13 to 19 digits, spaces or dashes
// allowed, passing the Luhn check) keep only their last four digits; bearer
// tokens and secret-looking key=value pairs are removed.

#include <QString>

namespace wf {

QString redactSecrets(const QString& text);
bool passesLuhn(const QString& digits);

}  // namespace wf
