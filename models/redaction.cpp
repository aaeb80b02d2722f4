#include "redaction.h"

#include <QRegularExpression>

namespace wf {

bool passesLuhn(const QString& digits)
{
    int sum = 0;
    bool twice = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        int d = digits[i].digitValue();
        if (d < 0)
            return false;
        if (twice) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
        twice = !twice;
    }
    return !digits.isEmpty() && sum % 10 == 0;
}

QString redactSecrets(const QString& text)
{
    QString out = text;
    // Secret-like assignments ("token=…", "Authorization: Bearer …") lose the
    // value; then any bearer token left standing alone.
    static const QRegularExpression secretPair(
        QStringLiteral("(?i)\\b(token|secret|password|passwd|api[_-]?key|authorization)"
                       "(\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|(?:bearer\\s+)?[^\\s,;&]+)"));
    out.replace(secretPair, QStringLiteral("\\1\\2[redacted]"));
    static const QRegularExpression bearer(QStringLiteral("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+"));
    out.replace(bearer, QStringLiteral("Bearer [redacted]"));

    // Digit runs of 13..19 digits with optional single spaces or dashes between.
    static const QRegularExpression panLike(
        QStringLiteral("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])"));
    QString result;
    result.reserve(out.size());
    qsizetype last = 0;
    auto it = panLike.globalMatch(out);
    while (it.hasNext()) {
        const auto m = it.next();
        QString digits = m.captured();
        digits.remove(' ').remove('-');
        result += QStringView(out).mid(last, m.capturedStart() - last);
        if (digits.size() >= 13 && digits.size() <= 19 && passesLuhn(digits))
            result += QString(digits.size() - 4, QLatin1Char('*')) + digits.right(4);
        else
            result += m.captured();
        last = m.capturedEnd();
    }
    result += QStringView(out).mid(last);
    return result;
}

}  // namespace wf
