#include "recon_generator.h"

#include "journey_catalog.h"
#include "recon_money.h"
#include "sample_random.h"
#include "vendor_catalog.h"

#include "watchfloor/v1/reconciliation.pb.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

constexpr uint64_t kRowStream = 0x2EC0'0001;
constexpr uint64_t kFactsStream = 0x2EC0'0002;
constexpr uint64_t kReferenceStream = 0x2EC0'0003;
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

constexpr char kOrderAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32
constexpr char kReferenceAlphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr size_t kAcmeChars = 22;    // "pi_3N" + 22
constexpr size_t kGlobexChars = 24;  // "ch_" + 24

// Per mille, indexed by MismatchType - 1.
constexpr std::array<int, 9> kTypeWeights = {90, 160, 150, 30, 70, 110, 60, 270, 60};
// Per region (us-east, eu-west, ap-south): per mille by currency (USD, EUR, GBP, JPY).
constexpr std::array<std::array<int, 4>, 3> kCurrencyMix = {{
    {850, 50, 50, 50},
    {100, 600, 300, 0},
    {400, 0, 100, 500},
}};

template <size_t N>
int pick(const std::array<int, N>& weights, uint64_t bits)
{
    int total = 0;
    for (int w : weights)
        total += w;
    int x = static_cast<int>(bits % static_cast<uint64_t>(total));
    for (size_t i = 0; i < N; ++i) {
        if (x < weights[i])
            return static_cast<int>(i);
        x -= weights[i];
    }
    return static_cast<int>(N - 1);
}

int64_t between(const SampleRandom& random, uint64_t k, int64_t lo, int64_t hi)
{
    return lo + static_cast<int64_t>(random.bits(k) % static_cast<uint64_t>(hi - lo));
}

// Fills `out` with `n` characters of the reference alphabet, from draws k, k+1, ...
void referenceChars(const SampleRandom& random, uint64_t k, size_t n, char* out)
{
    uint64_t bits = 0;
    for (size_t i = 0; i < n; ++i) {
        if (i % 10 == 0)
            bits = random.bits(k++);
        out[i] = kReferenceAlphabet[bits % 62];
        bits /= 62;
    }
}

// Mean 0, variance 1, within +-3.5: the sum of four uniform draws (k..k+3),
// cheaper than an exact normal and as good for prices.
double roughNormal(const SampleRandom& random, uint64_t k)
{
    const double sum =
        random.uniform(k) + random.uniform(k + 1) + random.uniform(k + 2) + random.uniform(k + 3);
    return (sum - 2.0) * std::sqrt(3.0);
}

// Amounts as prices look: yen in tens (at least 10), others as they are (at least 1).
int64_t priced(int64_t amount, int currency)
{
    if (currency == ReconMoney::kJpy)
        return std::max<int64_t>(10, (amount + 5) / 10 * 10);
    return std::max<int64_t>(1, amount);
}

// Order amounts: log-normal around 60 US dollars, 1 to 20,000; yen in tens.
int64_t orderAmount(const SampleRandom& random, int currency)
{
    const double dollars = std::clamp(60.0 * std::exp(1.1 * roughNormal(random, 30)), 1.0, 20000.0);
    return priced(ReconMoney::fromDollars(dollars, currency), currency);
}

}  // namespace

const char* ReconGenerator::referencePrefix(int provider)
{
    return provider == 0 ? "pi_3N" : "ch_";
}

size_t ReconGenerator::referenceLength(int provider)
{
    return provider == 0 ? kAcmeChars : kGlobexChars;
}

const std::vector<std::string>& ReconGenerator::providerIds()
{
    static const std::vector<std::string> kIds = [] {
        std::vector<std::string> ids;
        for (const VendorDefinition& v : VendorCatalog::vendors()) {
            if (v.category == v1::VENDOR_CATEGORY_PAYMENT_PROVIDER)
                ids.push_back(v.id);
        }
        return ids;
    }();
    return kIds;
}

int ReconGenerator::providerIndex(const std::string& id)
{
    const auto& ids = providerIds();
    const auto it = std::find(ids.begin(), ids.end(), id);
    return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
}

std::string ReconGenerator::providerIdList()
{
    std::string out;
    for (const std::string& id : providerIds())
        out += (out.empty() ? "" : ", ") + id;
    return out;
}

const std::vector<std::string>& ReconGenerator::assigneeNames()
{
    static const std::vector<std::string> kNames = {"dana@sim",  "li.wei@sim", "sam@sim",
                                                    "priya@sim", "mateo@sim",  "noor@sim"};
    return kNames;
}

int64_t ReconGenerator::contractedFee(int provider, int currency, int64_t gross)
{
    // payments-acme: 2.9% + 0.30 (JPY 3.6%); payments-globex: 2.5% + 0.25 (JPY 3.2%).
    const bool yen = currency == ReconMoney::kJpy;
    const double rate = provider == 0 ? (yen ? 0.036 : 0.029) : (yen ? 0.032 : 0.025);
    const int64_t fixed = yen ? 0 : (provider == 0 ? 30 : 25);
    return std::llround(static_cast<double>(gross) * rate) + fixed;
}

ReconRow ReconGenerator::row(uint32_t index, const ReconBatch& batch, uint32_t position) const
{
    const SampleRandom random(seed_, kRowStream, index, 0);
    ReconRow row;
    row.type =
        static_cast<uint8_t>(batch.type > 0 ? batch.type : 1 + pick(kTypeWeights, random.bits(1)));
    row.provider = static_cast<uint8_t>(batch.provider >= 0       ? batch.provider
                                        : random.uniform(2) < 0.6 ? 0
                                                                  : 1);
    if (batch.region >= 0) {
        row.region = static_cast<uint8_t>(batch.region);
    } else {
        const double u = random.uniform(3) * 2.3;  // weights 1.0, 0.8, 0.5
        row.region = static_cast<uint8_t>(u < 1.0 ? 0 : u < 1.8 ? 1 : 2);
    }
    row.currency = static_cast<uint8_t>(pick(kCurrencyMix[row.region], random.bits(4)));
    const double spread = (static_cast<double>(position) + random.uniform(5)) /
                          static_cast<double>(std::max<uint32_t>(batch.count, 1));
    row.detectedAt = batch.detectedFrom +
                     static_cast<int64_t>(std::floor(
                         spread * static_cast<double>(batch.detectedTo - batch.detectedFrom)));
    uint64_t orderBits = random.bits(6);
    for (int i = 0; i < 8; ++i) {
        row.orderKey = (row.orderKey << 8) | static_cast<uint8_t>(kOrderAlphabet[orderBits % 32]);
        orderBits /= 32;
    }
    referenceChars(random, 7, row.reference.size(), row.reference.data());
    row.status = v1::MISMATCH_STATUS_OPEN;
    if (batch.history && random.uniform(10) < 0.07) {
        row.status = v1::MISMATCH_STATUS_ESCALATED;
        row.flags |= ReconRow::kEscalatedBefore;
        ++row.version;
    }
    if (batch.history && random.uniform(11) < 0.2) {
        row.assignee = 1 + static_cast<uint32_t>(random.bits(12) % assigneeNames().size());
        ++row.version;
    }
    const ReconFacts f = facts(index, row);
    if (f.hasOrder)
        row.flags |= ReconRow::kHasOrder;
    row.amountMinor = amountOf(row.type, f);
    return row;
}

ReconFacts ReconGenerator::facts(uint32_t index, const ReconRow& row) const
{
    const SampleRandom random(seed_, kFactsStream, index, 0);
    const int currency = row.currency;
    const int64_t detected = row.detectedAt;
    const int64_t lag = row.provider == 0 ? 2 * kDay : 3 * kDay;
    ReconFacts f;
    f.hasOrder = row.type != v1::MISMATCH_TYPE_CAPTURED_WITHOUT_ORDER &&
                 row.type != v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER;
    f.orderAmount = orderAmount(random, currency);
    f.captureCurrency = currency;
    f.captures = 1;
    f.capturedAmount = f.orderAmount;
    f.settledLines = 1;
    f.settledAt = detected - between(random, 3, kHour, 20 * kHour);
    f.capturedAt = f.settledAt - lag - between(random, 4, 0, 6 * kHour);
    f.authorizedAt = f.capturedAt - between(random, 5, 30, 2 * kHour);
    f.createdAt = f.authorizedAt - between(random, 6, 2, 90);
    f.cardLast4 = static_cast<int>(random.bits(20) % 10000);
    f.customer = static_cast<uint32_t>(random.bits(21) & 0xFFFFFF);

    switch (row.type) {
        case v1::MISMATCH_TYPE_ORDER_WITHOUT_CAPTURE:
            f.captures = 0;
            f.settledLines = 0;
            f.settledAt = 0;
            f.capturedAt = 0;
            f.authorizedAt = detected - between(random, 7, kDay, 6 * kDay);
            f.createdAt = f.authorizedAt - between(random, 6, 2, 90);
            f.captureFailed = random.uniform(10) < 0.5;
            f.failedAt = f.authorizedAt + between(random, 8, 60, 2 * kHour);
            break;
        case v1::MISMATCH_TYPE_AMOUNT_MISMATCH: {
            int64_t delta = 0;
            if (random.uniform(10) < 0.5) {  // a little: rounding, a tip, a fee passed on
                delta = currency == ReconMoney::kJpy
                            ? 10 * (1 + static_cast<int64_t>(random.bits(12) % 30))
                            : 1 + static_cast<int64_t>(random.bits(12) % 300);
            } else {  // a part of the order: a changed basket, a partial shipment
                delta = priced(std::llround(static_cast<double>(f.orderAmount) *
                                            random.uniform(12, 0.02, 0.3)),
                               currency);
            }
            // Captured more, or less (never all of it: that is an order without capture).
            const bool over = random.uniform(11) < 0.5 || delta >= f.orderAmount;
            f.capturedAmount = over ? f.orderAmount + delta : f.orderAmount - delta;
            break;
        }
        case v1::MISMATCH_TYPE_CURRENCY_MISMATCH:
            f.captureCurrency =
                (currency + 1 + static_cast<int>(random.bits(10) % 3)) % ReconMoney::kCurrencyCount;
            f.capturedAmount =
                std::max<int64_t>(1, std::llround(static_cast<double>(ReconMoney::convert(
                                                      f.orderAmount, currency, f.captureCurrency)) *
                                                  random.uniform(11, 0.97, 1.03)));
            break;
        case v1::MISMATCH_TYPE_DUPLICATE_CAPTURE:
            f.captures = 2;
            f.settledLines = 2;
            break;
        case v1::MISMATCH_TYPE_REFUND_NOT_SETTLED:
            f.refundAmount = random.uniform(10) < 0.6
                                 ? f.orderAmount
                                 : std::min(f.orderAmount,
                                            priced(std::llround(static_cast<double>(f.orderAmount) *
                                                                random.uniform(11, 0.1, 0.9)),
                                                   currency));
            f.refundedAt = detected - between(random, 7, 3 * kDay, 10 * kDay);
            f.capturedAt = f.refundedAt - between(random, 8, kDay, 20 * kDay);
            f.settledAt = f.capturedAt + lag + between(random, 4, 0, 6 * kHour);
            f.authorizedAt = f.capturedAt - between(random, 5, 30, 2 * kHour);
            f.createdAt = f.authorizedAt - between(random, 6, 2, 90);
            break;
        case v1::MISMATCH_TYPE_SETTLED_WITHOUT_CAPTURE: f.captures = 0; break;
        case v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER:
            f.captures = 0;
            f.settledLines = 0;
            f.chargebackAmount = f.orderAmount;
            f.disputeFee = ReconMoney::fromDollars(15.0, currency);
            f.chargebackAt = detected - between(random, 7, kDay, 4 * kDay);
            break;
        default: break;
    }
    f.settledGross = f.settledLines > 0 ? f.capturedAmount : 0;
    f.contractedFee = contractedFee(row.provider, f.captureCurrency, f.settledGross);
    f.chargedFee = f.contractedFee;
    if (row.type == v1::MISMATCH_TYPE_FEE_DISCREPANCY) {
        const double u = random.uniform(13);
        int64_t extra = 0;
        if (u < 0.4)  // last year's rate, 0.4 points higher
            extra = std::llround(static_cast<double>(f.settledGross) * 0.004);
        else if (u < 0.7)  // the fixed part charged twice
            extra = f.captureCurrency == ReconMoney::kJpy ? 40 : (row.provider == 0 ? 30 : 25);
        else  // rounded the other way
            extra = (random.bits(14) % 2 == 0 ? 1 : -1) *
                    (1 + static_cast<int64_t>(random.bits(15) % 3));
        if (extra == 0)
            extra = 1;
        f.chargedFee = std::max<int64_t>(0, f.contractedFee + extra);
        if (f.chargedFee == f.contractedFee)
            f.chargedFee = f.contractedFee + 1;
    }
    return f;
}

int64_t ReconGenerator::amountOf(int type, const ReconFacts& f)
{
    switch (type) {
        case v1::MISMATCH_TYPE_AMOUNT_MISMATCH: return std::llabs(f.capturedAmount - f.orderAmount);
        case v1::MISMATCH_TYPE_REFUND_NOT_SETTLED: return f.refundAmount;
        case v1::MISMATCH_TYPE_FEE_DISCREPANCY: return std::llabs(f.chargedFee - f.contractedFee);
        case v1::MISMATCH_TYPE_CHARGEBACK_WITHOUT_ORDER: return f.chargebackAmount;
        default: return f.orderAmount;
    }
}

std::string ReconGenerator::derivedReference(uint32_t index, const ReconRow& row,
                                             const char* acmePrefix, const char* globexPrefix,
                                             uint64_t salt) const
{
    const SampleRandom random(seed_, kReferenceStream, index, static_cast<int64_t>(salt));
    const size_t n = referenceLength(row.provider);
    std::string out = row.provider == 0 ? acmePrefix : globexPrefix;
    const size_t prefix = out.size();
    out.resize(prefix + n);
    referenceChars(random, 1, n, out.data() + prefix);
    return out;
}

size_t ReconGenerator::orderIdInto(const ReconRow& row, char* out)
{
    std::memcpy(out, kOrderPrefix, 4);
    for (int i = 0; i < 8; ++i)
        out[4 + i] = static_cast<char>((row.orderKey >> (8 * (7 - i))) & 0xFF);
    return 12;
}

size_t ReconGenerator::providerReferenceInto(const ReconRow& row, char* out)
{
    const char* prefix = referencePrefix(row.provider);
    const size_t p = std::strlen(prefix);
    const size_t n = referenceLength(row.provider);
    std::memcpy(out, prefix, p);
    std::memcpy(out + p, row.reference.data(), n);
    return p + n;
}

std::string ReconGenerator::orderId(const ReconRow& row)
{
    char buffer[32];
    return std::string(buffer, orderIdInto(row, buffer));
}

std::string ReconGenerator::providerReference(const ReconRow& row)
{
    char buffer[32];
    return std::string(buffer, providerReferenceInto(row, buffer));
}

std::string ReconGenerator::mismatchId(uint32_t index)
{
    char id[32];
    std::snprintf(id, sizeof id, "mm-%09u", index + 1);
    return id;
}

int64_t ReconGenerator::indexOfId(const std::string& id)
{
    if (id.size() != 12 || id.compare(0, 3, "mm-") != 0)
        return -1;
    int64_t n = 0;
    for (size_t i = 3; i < id.size(); ++i) {
        if (id[i] < '0' || id[i] > '9')
            return -1;
        n = n * 10 + (id[i] - '0');
    }
    return n >= 1 ? n - 1 : -1;
}

}  // namespace wfsim
