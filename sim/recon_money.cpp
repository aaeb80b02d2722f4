#include "recon_money.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace wfsim {

const std::array<CurrencyDefinition, ReconMoney::kCurrencyCount>& ReconMoney::currencies()
{
    static const std::array<CurrencyDefinition, kCurrencyCount> kCurrencies = {{
        {"USD", 2, 100.0, 1.0},
        {"EUR", 2, 100.0, 0.92},
        {"GBP", 2, 100.0, 0.79},
        {"JPY", 0, 1.0, 150.0},
    }};
    return kCurrencies;
}

int ReconMoney::index(std::string_view code)
{
    for (int i = 0; i < kCurrencyCount; ++i) {
        if (code == currencies()[static_cast<size_t>(i)].code)
            return i;
    }
    return -1;
}

std::string ReconMoney::codeList()
{
    std::string out;
    for (const CurrencyDefinition& c : currencies())
        out += (out.empty() ? "" : ", ") + std::string(c.code);
    return out;
}

std::string ReconMoney::text(int64_t amountMinor, int currency)
{
    const CurrencyDefinition& c = currencies()[static_cast<size_t>(currency)];
    const unsigned long long magnitude = static_cast<unsigned long long>(std::llabs(amountMinor));
    const char* sign = amountMinor < 0 ? "-" : "";
    char buffer[64];
    if (c.digits == 0) {
        std::snprintf(buffer, sizeof buffer, "%s%llu %s", sign, magnitude, c.code);
    } else {
        std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu %s", sign, magnitude / 100,
                      magnitude % 100, c.code);
    }
    return buffer;
}

watchfloor::v1::Money ReconMoney::money(int64_t amountMinor, int currency)
{
    watchfloor::v1::Money out;
    out.set_amount_minor(amountMinor);
    out.set_currency_code(currencies()[static_cast<size_t>(currency)].code);
    return out;
}

int64_t ReconMoney::convert(int64_t amountMinor, int from, int to)
{
    const CurrencyDefinition& a = currencies()[static_cast<size_t>(from)];
    const double dollars = static_cast<double>(amountMinor) / a.minorPerMajor / a.perDollar;
    return fromDollars(dollars, to);
}

int64_t ReconMoney::fromDollars(double dollars, int currency)
{
    const CurrencyDefinition& c = currencies()[static_cast<size_t>(currency)];
    return std::llround(dollars * c.perDollar * c.minorPerMajor);
}

int64_t ReconMoney::threshold(int64_t configuredMinor, int currency)
{
    // N minor units of a two-decimal currency; a currency without minor
    // digits gets the same value in US dollars at the fixed rate (500.00 ->
    // 75,000 JPY), not N/100 (500 JPY, about three dollars).
    const int64_t scaled = currencies()[static_cast<size_t>(currency)].digits == 0
                               ? convert(configuredMinor, kUsd, currency)
                               : configuredMinor;
    return scaled < 1 ? 1 : scaled;
}

}  // namespace wfsim
