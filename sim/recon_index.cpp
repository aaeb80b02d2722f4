#include "recon_index.h"

#include "journey_catalog.h"
#include "recon_generator.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <thread>
#include <utility>

namespace wfsim {

namespace v1 = watchfloor::v1;

namespace {

// Rank of each id in alphabetical order, by catalog index.
std::vector<uint8_t> ranksOf(const std::vector<std::string>& ids)
{
    std::vector<size_t> byName(ids.size());
    std::iota(byName.begin(), byName.end(), size_t(0));
    std::sort(byName.begin(), byName.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
    std::vector<uint8_t> rank(ids.size());
    for (size_t r = 0; r < byName.size(); ++r)
        rank[byName[r]] = static_cast<uint8_t>(r);
    return rank;
}

const std::vector<uint8_t>& providerRanks()
{
    static const std::vector<uint8_t> kRanks = ranksOf(ReconGenerator::providerIds());
    return kRanks;
}

const std::vector<uint8_t>& regionRanks()
{
    static const std::vector<uint8_t> kRanks = [] {
        const JourneyCatalog catalog;
        std::vector<std::string> ids;
        for (int r = 0; r < JourneyCatalog::kRegionCount; ++r)
            ids.push_back(catalog.region(r).id);
        return ranksOf(ids);
    }();
    return kRanks;
}

// Fields with a handful of keys sort by counting.
bool smallDomain(int field)
{
    return field == v1::MISMATCH_SORT_FIELD_TYPE || field == v1::MISMATCH_SORT_FIELD_PROVIDER ||
           field == v1::MISMATCH_SORT_FIELD_REGION || field == v1::MISMATCH_SORT_FIELD_STATUS;
}

bool indexOrder(int field)
{
    return field == v1::MISMATCH_SORT_FIELD_UNSPECIFIED ||
           field == v1::MISMATCH_SORT_FIELD_DETECTED_AT;
}

}  // namespace

uint64_t ReconIndex::key(const ReconRow& row, v1::MismatchSortField field)
{
    switch (field) {
        case v1::MISMATCH_SORT_FIELD_AMOUNT: return static_cast<uint64_t>(row.amountMinor);
        case v1::MISMATCH_SORT_FIELD_TYPE: return row.type;
        case v1::MISMATCH_SORT_FIELD_PROVIDER: return providerRanks()[row.provider];
        case v1::MISMATCH_SORT_FIELD_REGION: return regionRanks()[row.region];
        case v1::MISMATCH_SORT_FIELD_STATUS: return row.status;
        case v1::MISMATCH_SORT_FIELD_ORDER_ID: return row.hasOrder() ? row.orderKey : 0;
        default: return static_cast<uint64_t>(row.detectedAt);
    }
}

void ReconIndex::rebuild(const std::vector<ReconRow>& rows)
{
    // Fields are independent: the two full sorts (amount, order id) on
    // different threads, the counting ones shared out.
    const auto build = [&](std::initializer_list<v1::MismatchSortField> fields) {
        for (v1::MismatchSortField f : fields)
            rebuildField(rows, f);
    };
    const auto first = {v1::MISMATCH_SORT_FIELD_AMOUNT, v1::MISMATCH_SORT_FIELD_TYPE,
                        v1::MISMATCH_SORT_FIELD_REGION};
    const auto second = {v1::MISMATCH_SORT_FIELD_UNSPECIFIED, v1::MISMATCH_SORT_FIELD_DETECTED_AT,
                         v1::MISMATCH_SORT_FIELD_ORDER_ID, v1::MISMATCH_SORT_FIELD_PROVIDER,
                         v1::MISMATCH_SORT_FIELD_STATUS};
    if (rows.size() < kParallelFrom) {
        build(first);
        build(second);
        return;
    }
    std::thread other(build, first);
    build(second);
    other.join();
}

void ReconIndex::rebuildField(const std::vector<ReconRow>& rows, int field)
{
    std::vector<uint32_t>& order = order_[static_cast<size_t>(field)];
    std::vector<uint8_t>& ties = ties_[static_cast<size_t>(field)];
    const auto f = static_cast<v1::MismatchSortField>(field);
    const uint32_t n = static_cast<uint32_t>(rows.size());
    order.clear();
    ties.assign(n, 0);
    if (field == v1::MISMATCH_SORT_FIELD_UNSPECIFIED)
        return;  // detected_at's
    if (indexOrder(field)) {
        for (uint32_t i = 1; i < n; ++i)
            ties[i] = rows[i].detectedAt == rows[i - 1].detectedAt ? 1 : 0;
        return;
    }
    order.resize(n);
    if (smallDomain(field)) {  // counting sort, stable in index order
        std::array<uint32_t, 257> start{};
        for (const ReconRow& row : rows)
            ++start[key(row, f) + 1];
        for (size_t k = 1; k < start.size(); ++k)
            start[k] += start[k - 1];
        for (uint32_t p = 1; p < n; ++p)
            ties[p] = 1;
        for (size_t k = 0; k + 1 < start.size(); ++k) {
            if (start[k] < n)
                ties[start[k]] = 0;  // a run starts
        }
        for (uint32_t i = 0; i < n; ++i)
            order[start[key(rows[i], f)]++] = i;
        return;
    }
    std::vector<std::pair<uint64_t, uint32_t>> keyed(n);
    for (uint32_t i = 0; i < n; ++i)
        keyed[i] = {key(rows[i], f), i};
    std::sort(keyed.begin(), keyed.end());
    for (uint32_t p = 0; p < n; ++p) {
        order[p] = keyed[p].second;
        ties[p] = p > 0 && keyed[p].first == keyed[p - 1].first ? 1 : 0;
    }
}

void ReconIndex::appended(const std::vector<ReconRow>& rows, size_t firstNew)
{
    for (int field = 0; field < kFieldCount; ++field) {
        if (field == v1::MISMATCH_SORT_FIELD_UNSPECIFIED)
            continue;
        std::vector<uint8_t>& ties = ties_[static_cast<size_t>(field)];
        if (indexOrder(field)) {
            ties.resize(rows.size());
            for (size_t i = std::max<size_t>(firstNew, 1); i < rows.size(); ++i)
                ties[i] = rows[i].detectedAt == rows[i - 1].detectedAt ? 1 : 0;
            continue;
        }
        if (smallDomain(field)) {
            rebuildField(rows, field);
            continue;
        }
        const auto f = static_cast<v1::MismatchSortField>(field);
        std::vector<uint64_t> keys(rows.size());
        for (size_t i = 0; i < rows.size(); ++i)
            keys[i] = key(rows[i], f);
        std::vector<uint32_t> added(rows.size() - firstNew);
        std::iota(added.begin(), added.end(), static_cast<uint32_t>(firstNew));
        const auto less = [&](uint32_t a, uint32_t b) {
            return keys[a] != keys[b] ? keys[a] < keys[b] : a < b;
        };
        std::sort(added.begin(), added.end(), less);
        std::vector<uint32_t>& order = order_[static_cast<size_t>(field)];
        std::vector<uint32_t> merged(rows.size());
        std::merge(order.begin(), order.end(), added.begin(), added.end(), merged.begin(), less);
        order.swap(merged);
        ties.assign(rows.size(), 0);
        for (size_t p = 1; p < order.size(); ++p)
            ties[p] = keys[order[p]] == keys[order[p - 1]] ? 1 : 0;
    }
}

void ReconIndex::changed(const std::vector<ReconRow>& rows, uint32_t index, const ReconRow& before)
{
    for (int field = 0; field < kFieldCount; ++field) {
        if (indexOrder(field))
            continue;  // detected_at never changes
        const auto f = static_cast<v1::MismatchSortField>(field);
        const uint64_t oldKey = key(before, f);
        const uint64_t newKey = key(rows[index], f);
        if (oldKey == newKey)
            continue;
        std::vector<uint32_t>& order = order_[static_cast<size_t>(field)];
        std::vector<uint8_t>& ties = ties_[static_cast<size_t>(field)];
        // While `index` is still in its old place, it compares by its old key.
        const auto keyOf = [&](uint32_t i) { return i == index ? oldKey : key(rows[i], f); };
        const auto below = [&](uint64_t k, uint32_t i) {
            return [&, k, i](uint32_t e) { return keyOf(e) != k ? keyOf(e) < k : e < i; };
        };
        auto at = std::partition_point(order.begin(), order.end(), below(oldKey, index));
        if (at != order.end() && *at == index) {
            const size_t p = static_cast<size_t>(at - order.begin());
            order.erase(at);
            ties.erase(ties.begin() + static_cast<std::ptrdiff_t>(p));
            retie(rows, field, p, index, newKey);
        }
        const auto to = std::partition_point(order.begin(), order.end(), below(newKey, index));
        const size_t q = static_cast<size_t>(to - order.begin());
        order.insert(to, index);
        ties.insert(ties.begin() + static_cast<std::ptrdiff_t>(q), 0);
        retie(rows, field, q, index, newKey);
        retie(rows, field, q + 1, index, newKey);
    }
}

void ReconIndex::retie(const std::vector<ReconRow>& rows, int field, size_t position,
                       uint32_t index, uint64_t indexKey)
{
    std::vector<uint32_t>& order = order_[static_cast<size_t>(field)];
    std::vector<uint8_t>& ties = ties_[static_cast<size_t>(field)];
    if (position >= order.size())
        return;
    if (position == 0) {
        ties[0] = 0;
        return;
    }
    const auto f = static_cast<v1::MismatchSortField>(field);
    const auto keyOf = [&](uint32_t i) { return i == index ? indexKey : key(rows[i], f); };
    ties[position] = keyOf(order[position]) == keyOf(order[position - 1]) ? 1 : 0;
}

const std::vector<uint32_t>* ReconIndex::ascending(v1::MismatchSortField field) const
{
    if (indexOrder(field) || field < 0 || field >= kFieldCount)
        return nullptr;
    return &order_[static_cast<size_t>(field)];
}

const std::vector<uint8_t>& ReconIndex::ties(v1::MismatchSortField field) const
{
    if (indexOrder(field) || field < 0 || field >= kFieldCount)
        return ties_[v1::MISMATCH_SORT_FIELD_DETECTED_AT];
    return ties_[static_cast<size_t>(field)];
}

}  // namespace wfsim
