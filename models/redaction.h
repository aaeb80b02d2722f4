#pragma once

// The one redaction used by logs, exports, clipboard copies and the audit
// log:
//   - card-number-like digit runs (13 to 19 digits, in any script's digits,
//     single spaces, no-break spaces, dashes or dots allowed between them,
//     passing the Luhn check) keep only their last four digits;
//   - secret-looking key=value pairs ("token=", "Authorization:",
//     "password:") lose the value, bearer tokens and JSON Web Tokens are
//     removed;
//   - every secret the console holds (registered with addKnownSecret: the
//     bearer token it connects with) is removed wherever it appears, in any
//     shape of text.
// Thread-safe.

#include <QString>

namespace wf {

QString redactSecrets(const QString& text);
// Only the card-number part of redactSecrets: each maximal run of digits with
// single separators is one candidate; see redaction.cpp for the rule.
QString maskCardNumbers(const QString& text);
bool passesLuhn(const QString& digits);

// A secret (at least 8 characters) to remove by value from now on.
void addKnownSecret(const QString& secret);
void forgetKnownSecrets();

}  // namespace wf
