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
    // value; then any bearer token or JSON Web Token left standing alone.
    static const QRegularExpression secretPair(
        QStringLiteral("(?i)\\b(token|secret|password|passwd|api[_-]?key|authorization|"
                       "access[_-]?key|private[_-]?key|client[_-]?secret|cookie)"
                       "([\"']?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|(?:bearer\\s+)?[^\\s,;&]+)"));
    out.replace(secretPair, QStringLiteral("\\1\\2[redacted]"));
    static const QRegularExpression bearer(QStringLiteral("(?i)\\bbearer\\s+[A-Za-z0-9._~+/=-]+"));
    out.replace(bearer, QStringLiteral("Bearer [redacted]"));
    static const QRegularExpression jwt(
        QStringLiteral("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+"));
    out.replace(jwt, QStringLiteral("[redacted]"));

    // Runs of 13..19 digits (any script's) with single separators between
    // them: a space, a no-break space, a dash or a dot.
    static const QRegularExpression panLike(
        QStringLiteral("(?<!\\d)\\d(?:[ \\x{00A0}.\\-]?\\d){12,18}(?!\\d)"),
        QRegularExpression::UseUnicodePropertiesOption);
    QString result;
    result.reserve(out.size());
    qsizetype last = 0;
    auto it = panLike.globalMatch(out);
    while (it.hasNext()) {
        const auto m = it.next();
        QString digits;
        for (const QChar c : m.capturedView())
            if (c.isDigit())
                digits += QChar(u'0' + c.digitValue());
        result += QStringView(out).mid(last, m.capturedStart() - last);
        if (digits.size() >= 13 && digits.size() <= 19 && passesLuhn(digits))
            result += QString(digits.size() - 4, QLatin1Char('*')) + digits.right(4);
        else
            result += m.capturedView();
        last = m.capturedEnd();
    }
    result += QStringView(out).mid(last);
    return result;
}

}  // namespace wf
