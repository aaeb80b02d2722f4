#include "money.h"

#include <QStringList>

namespace wf {

int Money::exponent(const QString& c)
{
    if (c.size() != 3)
        return -1;
    for (QChar ch : c)
        if (ch < u'A' || ch > u'Z')
            return -1;
    static const QStringList zero = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
                                     "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"};
    static const QStringList three = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
    if (zero.contains(c))
        return 0;
    if (three.contains(c))
        return 3;
    return 2;
}

QString Money::format() const
{
    const int e = exponent(currency);
    if (e < 0)
        return QStringLiteral("%1 (minor units, unknown currency)").arg(minor);
    // Integer arithmetic only: no rounding through a double.
    qint64 unit = 1;
    for (int i = 0; i < e; ++i)
        unit *= 10;
    const bool negative = minor < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(minor) : quint64(minor);
    const quint64 whole = magnitude / quint64(unit);
    const quint64 fraction = magnitude % quint64(unit);
    QString digits = QString::number(qulonglong(whole));
    QString text;
    for (qsizetype i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            text += QLatin1Char(',');
        text += digits[i];
    }
    if (e > 0)
        text += '.' + QStringLiteral("%1").arg(fraction, e, 10, QLatin1Char('0'));
    if (negative)
        text.prepend('-');
    return text + ' ' + currency;
}

}  // namespace wf
