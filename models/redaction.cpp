#include "redaction.h"

#include <QReadWriteLock>
#include <QRegularExpression>
#include <QStringList>

namespace wf {

namespace {

QReadWriteLock secretsLock;
QStringList& knownSecrets()
{
    static QStringList secrets;  // guarded by secretsLock
    return secrets;
}

}  // namespace

void addKnownSecret(const QString& secret)
{
    const QString s = secret.trimmed();
    if (s.size() < 8)
        return;  // too short to remove without damaging ordinary text
    QWriteLocker lock(&secretsLock);
    if (!knownSecrets().contains(s))
        knownSecrets().append(s);
}

void forgetKnownSecrets()
{
    QWriteLocker lock(&secretsLock);
    knownSecrets().clear();
}

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
    {
        QReadLocker lock(&secretsLock);
        for (const QString& s : knownSecrets())
            out.replace(s, QStringLiteral("[redacted]"));
    }
    // Secret-like assignments ("token=…", "Authorization: Bearer …") lose the
    // value (a quoted one with whatever is glued to its closing quote, so a
    // second pass finds nothing more to take); then any bearer token or JSON
    // Web Token left standing alone.
    static const QRegularExpression secretPair(
        QStringLiteral("(?i)\\b(token|secret|password|passwd|api[_-]?key|authorization|"
                       "access[_-]?key|private[_-]?key|client[_-]?secret|cookie)"
                       "([\"']?\\s*[:=]\\s*)(\"[^\"]*\"[^\\s,;&]*|'[^']*'[^\\s,;&]*|"
                       "(?:bearer\\s+)?[^\\s,;&]+)"));
    out.replace(secretPair, QStringLiteral("\\1\\2[redacted]"));
    static const QRegularExpression bearer(QStringLiteral("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+"));
    out.replace(bearer, QStringLiteral("Bearer [redacted]"));
    static const QRegularExpression jwt(
        QStringLiteral("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+"));
    out.replace(jwt, QStringLiteral("[redacted]"));

    return maskCardNumbers(out);
}

namespace {

bool isRunSeparator(QChar c)
{
    return c == QLatin1Char(' ') || c == QChar(0x00A0) || c == QLatin1Char('-') ||
           c == QLatin1Char('.');
}

QString asciiDigits(QStringView run)
{
    QString digits;
    for (const QChar c : run)
        if (c.isDigit())
            digits += QChar(u'0' + c.digitValue());
    return digits;
}

// One run of digits with single separators between them, masked in place:
//   - a run of 13..19 digits passing Luhn keeps only its last four;
//   - otherwise, each stretch of whole separator-delimited groups holding
//     13..19 digits and passing Luhn (a card number followed by a CVV, an
//     order number before it) is masked entirely, its last four included
//     unless it ends the run (kept digits must not join the next group).
QString maskRun(QStringView run)
{
    const QString digits = asciiDigits(run);
    if (digits.size() >= 13 && digits.size() <= 19 && passesLuhn(digits))
        return QString(digits.size() - 4, QLatin1Char('*')) + digits.right(4);
    if (digits.size() < 13)
        return run.toString();
    // Group boundaries: [start, end) of each group in `run`.
    QList<std::pair<qsizetype, qsizetype>> groups;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= run.size(); ++i) {
        if (i == run.size() || isRunSeparator(run[i])) {
            groups.append({start, i});
            start = i + 1;
        }
    }
    QString out = run.toString();
    for (qsizetype g = 0; g < groups.size();) {
        qsizetype found = -1;
        qsizetype count = 0;
        for (qsizetype h = g; h < groups.size() && count <= 19; ++h) {
            count += groups[h].second - groups[h].first;
            if (count >= 13 && count <= 19 &&
                passesLuhn(
                    asciiDigits(run.mid(groups[g].first, groups[h].second - groups[g].first)))) {
                found = h;
                break;
            }
        }
        if (found < 0) {
            ++g;
            continue;
        }
        // Keep the last four (as ASCII digits, like a whole card number) only
        // at the run's end.
        int keep = found == groups.size() - 1 ? 4 : 0;
        for (qsizetype i = groups[found].second - 1; i >= groups[g].first; --i) {
            if (!out[i].isDigit())
                continue;
            if (keep > 0) {
                out[i] = QChar(u'0' + out[i].digitValue());
                --keep;
            } else {
                out[i] = QLatin1Char('*');
            }
        }
        g = found + 1;
    }
    return out;
}

}  // namespace

QString maskCardNumbers(const QString& text)
{
    // Each maximal run of digits (any script's) with single separators
    // between them: a space, a no-break space, a dash or a dot.
    QString result;
    result.reserve(text.size());
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        if (!text[i].isDigit()) {
            result += text[i++];
            continue;
        }
        qsizetype j = i + 1;
        while (j < n && (text[j].isDigit() ||
                         (isRunSeparator(text[j]) && j + 1 < n && text[j + 1].isDigit())))
            ++j;
        result += maskRun(QStringView(text).mid(i, j - i));
        i = j;
    }
    return result;
}

}  // namespace wf
