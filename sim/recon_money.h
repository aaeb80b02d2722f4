#pragma once

// The currencies reconciliation deals in (USD, EUR, GBP with two minor
// digits, JPY with none), amounts as people read them ("42.10 EUR",
// "6500 JPY"), rough exchange rates for conversions between them, and the
// approval threshold per currency.

#include "watchfloor/v1/common.pb.h"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace wfsim {

struct CurrencyDefinition {
    const char* code;
    int digits;            // minor digits
    double minorPerMajor;  // 10^digits
    double perDollar;      // units of the currency for one US dollar (rough)
};

class ReconMoney {
public:
    static constexpr int kCurrencyCount = 4;
    static constexpr int kUsd = 0, kEur = 1, kGbp = 2, kJpy = 3;

    static const std::array<CurrencyDefinition, kCurrencyCount>& currencies();
    // -1 if not one of them.
    static int index(std::string_view code);
    static std::string codeList();

    // "42.10 EUR", "-0.35 USD", "6500 JPY".
    static std::string text(int64_t amountMinor, int currency);
    static watchfloor::v1::Money money(int64_t amountMinor, int currency);
    // `amountMinor` of one currency in another, rounded to the minor unit.
    static int64_t convert(int64_t amountMinor, int from, int to);
    // US dollars (a double) in a currency's minor units, rounded.
    static int64_t fromDollars(double dollars, int currency);

    // Money-moving actions at or above this amount need approval: the
    // configured minor units, for JPY (no minor digits) a hundredth of it
    // (so that the threshold is the same number of major units), at least 1.
    static int64_t threshold(int64_t configuredMinor, int currency);
};

}  // namespace wfsim
