#pragma once

// Money as the platform sends it: an amount in the currency's minor unit.

#include <QString>

namespace wf {

// An amount in a currency's minor unit. Never a double.
struct Money {
    qint64 minor = 0;
    QString currency;  // ISO 4217, upper case

    // Digits after the decimal point: 0 for JPY, 3 for BHD, 2 for most; -1
    // for a code that is not three upper-case letters.
    static int exponent(const QString& currency);
    bool valid() const { return exponent(currency) >= 0; }
    // "1,234.50 EUR", "¥"-free "1,050 JPY"; invalid: "1050 (minor units, ?)".
    QString format() const;
    bool operator==(const Money& o) const = default;
};

}  // namespace wf
